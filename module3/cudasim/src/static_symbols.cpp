// module3/cudasim/src/static_symbols.cpp
#include "static_symbols.h"

#include <cxxabi.h>
#include <elf.h>
#include <link.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <vector>

namespace cudasim::detail {

namespace {

struct Symbol {
  std::uintptr_t begin;
  std::size_t size;
  std::string mangled;
};

/// The main program's load address (its first entry of dl_iterate_phdr).
std::uintptr_t program_base() {
  std::uintptr_t base = 0;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) {
        *static_cast<std::uintptr_t*>(data) = info->dlpi_addr;
        return 1;  // the first entry is the program
      },
      &base);
  return base;
}

/// The data objects (STT_OBJECT) of an ELF64 file's .symtab, at their run-time addresses.
std::vector<Symbol> object_symbols(const std::vector<char>& file, std::uintptr_t base) {
  std::vector<Symbol> out;
  if (file.size() < sizeof(Elf64_Ehdr) || std::memcmp(file.data(), ELFMAG, SELFMAG) != 0) return out;
  const auto* header = reinterpret_cast<const Elf64_Ehdr*>(file.data());
  if (header->e_ident[EI_CLASS] != ELFCLASS64 ||
      header->e_shoff + std::size_t{header->e_shnum} * sizeof(Elf64_Shdr) > file.size()) {
    return out;
  }
  const auto* sections = reinterpret_cast<const Elf64_Shdr*>(file.data() + header->e_shoff);
  for (unsigned i = 0; i < header->e_shnum; ++i) {
    const Elf64_Shdr& symtab = sections[i];
    if (symtab.sh_type != SHT_SYMTAB || symtab.sh_link >= header->e_shnum) continue;
    const Elf64_Shdr& strtab = sections[symtab.sh_link];
    if (symtab.sh_offset + symtab.sh_size > file.size() || strtab.sh_offset + strtab.sh_size > file.size()) break;
    const auto* symbols = reinterpret_cast<const Elf64_Sym*>(file.data() + symtab.sh_offset);
    for (std::size_t k = 0; k < symtab.sh_size / sizeof(Elf64_Sym); ++k) {
      const Elf64_Sym& s = symbols[k];
      if (ELF64_ST_TYPE(s.st_info) != STT_OBJECT || s.st_size == 0 || s.st_name >= strtab.sh_size) continue;
      out.push_back({base + s.st_value, s.st_size, std::string(file.data() + strtab.sh_offset + s.st_name)});
    }
  }
  std::sort(out.begin(), out.end(), [](const Symbol& a, const Symbol& b) { return a.begin < b.begin; });
  return out;
}

const std::vector<Symbol>& program_objects() {
  static std::once_flag once;
  static std::vector<Symbol>* symbols = nullptr;  // never destroyed: diagnostics may come during exit
  std::call_once(once, [] {
    std::ifstream in("/proc/self/exe", std::ios::binary);
    const std::vector<char> file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    symbols = new std::vector<Symbol>(object_symbols(file, program_base()));
  });
  return *symbols;
}

/// "cache" of "minitorch::sim::reduce_kernel(...)::cache" (a mangled name, demangled).
std::string own_name(const std::string& mangled) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status);
  std::string name = status == 0 && demangled != nullptr ? demangled : mangled;
  std::free(demangled);
  const std::size_t colons = name.rfind("::");
  return colons == std::string::npos ? name : name.substr(colons + 2);
}

}  // namespace

StaticObject static_object_at(std::uintptr_t address) {
  const std::vector<Symbol>& symbols = program_objects();
  auto next = std::upper_bound(symbols.begin(), symbols.end(), address,
                               [](std::uintptr_t a, const Symbol& s) { return a < s.begin; });
  if (next == symbols.begin()) return {};
  const Symbol& s = *std::prev(next);
  if (address >= s.begin + s.size) return {};
  return {own_name(s.mangled), s.begin};
}

}  // namespace cudasim::detail
