// module4/src/fashion_mnist.cpp
//
// IDX files through zlib's gz* functions (which read plain files as they
// are, so uncompressed IDX files work too), with every failure a DataError
// naming the file and the offset.
#include "minitorch/fashion_mnist.h"

#include <zlib.h>

#include <cstddef>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <system_error>
#include <utility>

namespace minitorch {

namespace {

constexpr std::string_view kInstall =
    "install Debian's package dataset-fashion-mnist: sudo apt-get install dataset-fashion-mnist (or scripts/setup)";

// A gzip (or plain) file read front to back, keeping the offset in the
// uncompressed stream for error messages.
class GzFile {
 public:
  explicit GzFile(std::string path) : path_(std::move(path)) {
    std::error_code ec;
    if (!std::filesystem::exists(path_, ec)) {
      throw DataError("Fashion-MNIST file " + path_ + " not found: " + std::string(kInstall));
    }
    file_ = gzopen(path_.c_str(), "rb");
    if (file_ == nullptr) throw DataError("cannot open " + path_ + " for reading (" + std::string(kInstall) + ")");
  }
  GzFile(const GzFile&) = delete;
  GzFile& operator=(const GzFile&) = delete;
  ~GzFile() { gzclose(file_); }

  const std::string& path() const { return path_; }
  std::uint64_t offset() const { return offset_; }

  // Exactly n bytes into dst, or a DataError saying what was being read.
  void read(std::uint8_t* dst, std::size_t n, const std::string& what) {
    std::size_t got = 0;
    while (got < n) {
      const auto chunk = static_cast<unsigned>(std::min<std::size_t>(n - got, std::size_t{1} << 30));
      const int r = gzread(file_, dst + got, chunk);
      if (r < 0) {
        int code = 0;
        const char* message = gzerror(file_, &code);
        throw DataError(path_ + ": corrupt or truncated gzip data at byte offset " + std::to_string(offset_ + got) +
                        " of the uncompressed stream, reading " + what + " (zlib: " + message + ")");
      }
      if (r == 0) {
        throw DataError(path_ + ": truncated at byte offset " + std::to_string(offset_ + got) + ": " + what +
                        " needs " + std::to_string(n) + " bytes from offset " + std::to_string(offset_) +
                        ", the file ends after " + std::to_string(got));
      }
      got += static_cast<std::size_t>(r);
    }
    offset_ += n;
  }

 private:
  std::string path_;
  gzFile file_ = nullptr;
  std::uint64_t offset_ = 0;
};

std::string hex_byte(unsigned value) {
  const char* digits = "0123456789abcdef";
  return std::string("0x") + digits[(value >> 4) & 15] + digits[value & 15];
}

}  // namespace

IdxArray read_idx(const std::string& path) {
  GzFile file(path);
  std::uint8_t magic[4];
  file.read(magic, 4, "the IDX header (magic number)");
  if (magic[0] != 0 || magic[1] != 0) {
    throw DataError(path + ": not an IDX file: byte offset 0 holds " + hex_byte(magic[0]) + " " + hex_byte(magic[1]) +
                    ", expected 0x00 0x00 (a gzip file that was not decompressed, or another format)");
  }
  if (magic[2] != 0x08) {
    throw DataError(path + ": unsupported IDX data type " + hex_byte(magic[2]) +
                    " at byte offset 2 (expected 0x08, unsigned bytes)");
  }
  const int dims = magic[3];
  if (dims < 1 || dims > 4) {
    throw DataError(path + ": corrupt IDX header: " + std::to_string(dims) +
                    " dimensions at byte offset 3 (expected 1 to 4)");
  }
  IdxArray out;
  std::uint64_t size = 1;
  for (int d = 0; d < dims; ++d) {
    std::uint8_t b[4];
    const std::uint64_t at = file.offset();
    file.read(b, 4, "the size of dimension " + std::to_string(d));
    const std::uint32_t n =
        (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
    size *= n;
    if (n == 0 || n > static_cast<std::uint32_t>(std::numeric_limits<int>::max()) || size > (std::uint64_t{1} << 32)) {
      throw DataError(path + ": corrupt IDX header: dimension " + std::to_string(d) + " of size " + std::to_string(n) +
                      " at byte offset " + std::to_string(at) + " (the sizes must be >= 1, at most 2^32 bytes in all)");
    }
    out.dims.push_back(static_cast<int>(n));
  }
  out.data.resize(static_cast<std::size_t>(size));
  file.read(out.data.data(), out.data.size(), "the data (" + std::to_string(size) + " bytes)");
  return out;
}

FashionMnist load_fashion_mnist(MnistSplit split, const std::string& dir) {
  const std::string prefix = dir + "/" + (split == MnistSplit::train ? "train" : "t10k");
  const std::string images_path = prefix + "-images-idx3-ubyte.gz";
  const std::string labels_path = prefix + "-labels-idx1-ubyte.gz";
  IdxArray images = read_idx(images_path);
  IdxArray labels = read_idx(labels_path);
  if (images.dims.size() != 3) {
    throw DataError(images_path + ": expected 3 dimensions (images, rows, columns), got " +
                    std::to_string(images.dims.size()));
  }
  if (labels.dims.size() != 1) {
    throw DataError(labels_path + ": expected 1 dimension (labels), got " + std::to_string(labels.dims.size()));
  }
  if (images.dims[0] != labels.dims[0]) {
    throw DataError(images_path + " holds " + std::to_string(images.dims[0]) + " images but " + labels_path +
                    " holds " + std::to_string(labels.dims[0]) + " labels");
  }
  for (std::size_t i = 0; i < labels.data.size(); ++i) {
    if (labels.data[i] > 9) {
      throw DataError(labels_path + ": label " + std::to_string(labels.data[i]) + " at byte offset " +
                      std::to_string(8 + i) + " (the labels are 0 to 9)");
    }
  }
  FashionMnist out;
  out.count = images.dims[0];
  out.rows = images.dims[1];
  out.cols = images.dims[2];
  out.pixels = std::move(images.data);
  out.labels = std::move(labels.data);
  return out;
}

namespace {

void check_range(const FashionMnist& data, int begin, int end) {
  if (begin < 0 || end > data.count || begin >= end) {
    throw ValueError("Fashion-MNIST examples [" + std::to_string(begin) + ", " + std::to_string(end) +
                     "): need 0 <= begin < end <= " + std::to_string(data.count));
  }
}

}  // namespace

Tensor mnist_images(const FashionMnist& data, int begin, int end, const TensorBackend& backend) {
  check_range(data, begin, end);
  const std::size_t per_image = static_cast<std::size_t>(data.rows) * static_cast<std::size_t>(data.cols);
  const auto first = data.pixels.begin() + static_cast<std::ptrdiff_t>(per_image * static_cast<std::size_t>(begin));
  const std::vector<double> values(
      first, first + static_cast<std::ptrdiff_t>(per_image * static_cast<std::size_t>(end - begin)));
  return tensor(values, {end - begin, 1, data.rows, data.cols}, backend);
}

Tensor mnist_one_hot(const FashionMnist& data, int begin, int end, const TensorBackend& backend) {
  check_range(data, begin, end);
  std::vector<double> values(static_cast<std::size_t>(end - begin) * 10, 0.0);
  for (int i = begin; i < end; ++i) {
    values[static_cast<std::size_t>(i - begin) * 10 + data.labels[static_cast<std::size_t>(i)]] = 1.0;
  }
  return tensor(values, {end - begin, 10}, backend);
}

}  // namespace minitorch
