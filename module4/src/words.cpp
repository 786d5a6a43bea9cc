// module4/src/words.cpp
#include "minitorch/words.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "minitorch/errors.h"
#include "minitorch/random.h"

namespace minitorch {

namespace {

// a-z, then the accented letters of English, French, German, Italian and Spanish.
constexpr std::array<char32_t, kWordAlphabetSize> kAlphabet = {
    U'a', U'b', U'c', U'd', U'e', U'f', U'g', U'h', U'i', U'j', U'k', U'l', U'm', U'n', U'o', U'p', U'q',
    U'r', U's', U't', U'u', U'v', U'w', U'x', U'y', U'z', U'à', U'á', U'â', U'ä', U'ç', U'è', U'é', U'ê',
    U'ë', U'ì', U'í', U'î', U'ï', U'ñ', U'ò', U'ó', U'ô', U'ö', U'ù', U'ú', U'û', U'ü', U'ß'};

std::string utf8(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else {  // the alphabet has no letter above U+07FF
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

// Decodes one- and two-byte UTF-8 sequences; anything else gives U+FFFD.
std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out.push_back(b);
      i += 1;
    } else if ((b & 0xE0) == 0xC0 && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      out.push_back(static_cast<char32_t>(((b & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F)));
      i += 2;
    } else {
      out.push_back(U'\uFFFD');
      i += 1;
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

char32_t lower(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;  // Latin-1 capitals (not the multiplication sign)
  return c;
}

}  // namespace

std::vector<std::string> word_alphabet() {
  std::vector<std::string> letters;
  for (const char32_t c : kAlphabet) letters.push_back(utf8(c));
  return letters;
}

std::vector<int> word_letters(std::string_view word) {
  std::vector<int> letters;
  for (const char32_t c : code_points(word)) {
    const auto it = std::find(kAlphabet.begin(), kAlphabet.end(), lower(c));
    if (it == kAlphabet.end()) return {};
    letters.push_back(static_cast<int>(it - kAlphabet.begin()));
  }
  return letters;
}

std::vector<std::string> read_word_list(const std::string& path, std::string_view package) {
  std::ifstream in(path);
  if (!in) {
    throw DataError("cannot open the word list " + path + ": it comes with the Debian package " + std::string(package) +
                    " (install it with: sudo apt-get install " + std::string(package) + ", or run scripts/setup)");
  }
  std::vector<std::string> words;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) words.push_back(line);
  }
  return words;
}

std::vector<double> word_one_hot(std::string_view word, int max_length) {
  const std::vector<int> letters = word_letters(word);
  if (letters.empty() || static_cast<int>(letters.size()) > max_length) {
    throw ValueError("word_one_hot: '" + std::string(word) + "' is not 1 .. " + std::to_string(max_length) +
                     " letters of the alphabet");
  }
  std::vector<double> features(static_cast<std::size_t>(kWordAlphabetSize) * static_cast<std::size_t>(max_length));
  for (std::size_t t = 0; t < letters.size(); ++t) {
    features[static_cast<std::size_t>(letters[t]) * static_cast<std::size_t>(max_length) + t] = 1.0;
  }
  return features;
}

std::string word_of(const ClassifierData& data, int i) {
  const int channels = data.item_shape[0], length = data.item_shape[1];
  const auto base = static_cast<std::size_t>(i) * static_cast<std::size_t>(data.item_size());
  std::string word;
  for (int t = 0; t < length; ++t) {
    for (int c = 0; c < channels; ++c) {
      if (data.features[base + static_cast<std::size_t>(c * length + t)] != 0.0) {
        word += utf8(kAlphabet[static_cast<std::size_t>(c)]);
      }
    }
  }
  return word;
}

WordSplit load_word_split(const WordOptions& options) {
  if (options.train_per_language < 1 || options.valid_per_language < 1 || options.max_length < 2) {
    throw ValueError("load_word_split: at least 1 training and 1 validation word per language, max_length >= 2");
  }
  // The usable words of each language, lowercased, and in how many languages each occurs.
  std::vector<std::vector<std::string>> usable(kWordLanguages.size());
  std::map<std::string, int> languages_of;
  for (std::size_t l = 0; l < kWordLanguages.size(); ++l) {
    const WordLanguage& lang = kWordLanguages[l];
    std::set<std::string> seen;
    for (const std::string& raw : read_word_list(options.dir + "/" + std::string(lang.file), lang.package)) {
      const std::vector<int> letters = word_letters(raw);
      if (letters.size() < 2 || static_cast<int>(letters.size()) > options.max_length) continue;
      std::string word;
      for (const int c : letters) word += utf8(kAlphabet[static_cast<std::size_t>(c)]);
      if (seen.insert(word).second) {
        usable[l].push_back(word);
        ++languages_of[word];
      }
    }
  }
  WordSplit split;
  for (ClassifierData* d : {&split.train, &split.valid}) {
    d->item_shape = {kWordAlphabetSize, options.max_length};
    for (const WordLanguage& lang : kWordLanguages) d->class_names.emplace_back(lang.name);
  }
  const int per_language = options.train_per_language + options.valid_per_language;
  for (std::size_t l = 0; l < kWordLanguages.size(); ++l) {
    std::vector<std::string> words;
    for (const std::string& w : usable[l]) {
      if (languages_of[w] == 1) words.push_back(w);
    }
    split.words_per_language.push_back(static_cast<int>(words.size()));
    if (static_cast<int>(words.size()) < per_language) {
      throw DataError("the word list " + options.dir + "/" + std::string(kWordLanguages[l].file) + " has " +
                      std::to_string(words.size()) + " usable words, fewer than the " + std::to_string(per_language) +
                      " asked for");
    }
    Random rng(options.seed * 31 + l);
    for (std::size_t i = words.size(); i > 1; --i) std::swap(words[i - 1], words[rng.below(i)]);
    for (int i = 0; i < per_language; ++i) {
      ClassifierData& d = i < options.train_per_language ? split.train : split.valid;
      const std::vector<double> f = word_one_hot(words[static_cast<std::size_t>(i)], options.max_length);
      d.features.insert(d.features.end(), f.begin(), f.end());
      d.labels.push_back(static_cast<int>(l));
    }
  }
  return split;
}

}  // namespace minitorch
