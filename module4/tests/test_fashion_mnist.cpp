// module4/tests/test_fashion_mnist.cpp
//
// The Fashion-MNIST reader (not graded): the installed files when
// dataset-fashion-mnist is there, and IDX files written here to a temporary
// directory, gzipped and plain, whole, truncated and corrupt. Every broken
// file must give a DataError naming the file (and the offset), never a crash.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "minitorch/fashion_mnist.h"
#include "minitorch/tensor.h"

namespace fs = std::filesystem;
namespace mt = minitorch;
using Bytes = std::vector<std::uint8_t>;

namespace {

// A fresh directory under the system's temporary directory, removed at the end of the test.
class MnistFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("minitorch-mnist-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // Writes `bytes` gzip-compressed.
  std::string write_gz(const std::string& name, const Bytes& bytes) const {
    const std::string p = path(name);
    gzFile f = gzopen(p.c_str(), "wb");
    EXPECT_NE(f, nullptr);
    if (!bytes.empty()) {
      EXPECT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
    }
    gzclose(f);
    return p;
  }
  // Writes `bytes` as they are.
  std::string write_raw(const std::string& name, const Bytes& bytes) const {
    const std::string p = path(name);
    std::ofstream out(p, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return p;
  }
  Bytes read_raw(const std::string& p) const {
    std::ifstream in(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
  }

 private:
  fs::path dir_;
};

// An IDX file of unsigned bytes: header for `dims`, then `data`.
Bytes idx(const std::vector<std::uint32_t>& dims, const Bytes& data) {
  Bytes out{0, 0, 0x08, static_cast<std::uint8_t>(dims.size())};
  for (std::uint32_t d : dims) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(d >> shift));
  }
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

Bytes iota_bytes(std::size_t n) {
  Bytes out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(i * 7);
  return out;
}

// The DataError that f() throws (its message), or "" with a test failure when none.
template <typename F>
std::string data_error(F f) {
  try {
    f();
  } catch (const mt::DataError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a DataError";
  return "";
}

#define EXPECT_CONTAINS(text, part) EXPECT_NE(std::string(text).find(part), std::string::npos) << (text)

}  // namespace

TEST_F(MnistFiles, ReadsGzippedAndPlainIdx) {
  const Bytes data = iota_bytes(2 * 3 * 4);
  for (const std::string& p : {write_gz("a.gz", idx({2, 3, 4}, data)), write_raw("a.idx", idx({2, 3, 4}, data))}) {
    const mt::IdxArray a = mt::read_idx(p);
    EXPECT_EQ(a.dims, (std::vector<int>{2, 3, 4})) << p;
    EXPECT_EQ(a.data, data) << p;
  }
}

TEST_F(MnistFiles, LoadsASplitAsTensors) {
  // 3 images of 2x2, labels 4, 0, 9.
  write_gz("train-images-idx3-ubyte.gz", idx({3, 2, 2}, {0, 1, 2, 3, 10, 11, 12, 13, 255, 254, 253, 252}));
  write_gz("train-labels-idx1-ubyte.gz", idx({3}, {4, 0, 9}));
  const mt::FashionMnist d = mt::load_fashion_mnist(mt::MnistSplit::train, path(""));
  EXPECT_EQ(d.count, 3);
  EXPECT_EQ(d.rows, 2);
  EXPECT_EQ(d.cols, 2);
  const mt::Tensor x = mt::mnist_images(d, 1, 3);
  EXPECT_EQ(x.shape(), (mt::Shape{2, 1, 2, 2}));
  EXPECT_EQ(x.to_vector(), (std::vector<double>{10, 11, 12, 13, 255, 254, 253, 252}));
  const mt::Tensor y = mt::mnist_one_hot(d, 0, 3);
  EXPECT_EQ(y.shape(), (mt::Shape{3, 10}));
  EXPECT_EQ(y({0, 4}), 1.0);
  EXPECT_EQ(y({1, 0}), 1.0);
  EXPECT_EQ(y({2, 9}), 1.0);
  EXPECT_EQ(y.sum().item(), 3.0);
  EXPECT_THROW(mt::mnist_images(d, 2, 4), mt::ValueError);
  EXPECT_THROW(mt::mnist_one_hot(d, 1, 1), mt::ValueError);
}

TEST_F(MnistFiles, MissingFileNamesThePackage) {
  const std::string message = data_error([&] { mt::load_fashion_mnist(mt::MnistSplit::test, path("nowhere")); });
  EXPECT_CONTAINS(message, "t10k-images-idx3-ubyte.gz");
  EXPECT_CONTAINS(message, "dataset-fashion-mnist");
  EXPECT_CONTAINS(message, "sudo apt-get install dataset-fashion-mnist");
}

TEST_F(MnistFiles, TruncatedDataNamesFileAndOffset) {
  Bytes bytes = idx({10, 2, 2}, iota_bytes(40));
  bytes.resize(bytes.size() - 15);  // 25 of 40 data bytes
  for (const std::string& p : {write_gz("t.gz", bytes), write_raw("t.idx", bytes)}) {
    const std::string message = data_error([&] { mt::read_idx(p); });
    EXPECT_CONTAINS(message, p);
    EXPECT_CONTAINS(message, "truncated at byte offset 41");  // 16 header bytes + 25
  }
}

TEST_F(MnistFiles, TruncatedHeader) {
  const std::string p = write_gz("h.gz", Bytes{0, 0, 8, 3, 0, 0});
  const std::string message = data_error([&] { mt::read_idx(p); });
  EXPECT_CONTAINS(message, p);
  EXPECT_CONTAINS(message, "truncated at byte offset 6");
  EXPECT_CONTAINS(message, "dimension 0");
  const std::string empty = write_raw("empty.idx", Bytes{});
  EXPECT_CONTAINS(data_error([&] { mt::read_idx(empty); }), "truncated at byte offset 0");
}

// A gzip stream cut in the middle (a download that stopped): the compressed
// bytes end early.
TEST_F(MnistFiles, TruncatedGzipStream) {
  const std::string whole = write_gz("whole.gz", idx({100, 28, 28}, iota_bytes(100 * 28 * 28)));
  Bytes raw = read_raw(whole);
  raw.resize(raw.size() / 2);
  const std::string p = write_raw("half.gz", raw);
  const std::string message = data_error([&] { mt::read_idx(p); });
  EXPECT_CONTAINS(message, p);
  EXPECT_CONTAINS(message, "offset");
}

// Flipped bytes inside the compressed stream: a CRC or inflate error.
TEST_F(MnistFiles, CorruptGzipStream) {
  const std::string whole = write_gz("whole.gz", idx({50, 28, 28}, iota_bytes(50 * 28 * 28)));
  Bytes raw = read_raw(whole);
  for (std::size_t i = raw.size() / 3; i < raw.size() / 3 + 40 && i < raw.size(); ++i) raw[i] ^= 0x5a;
  const std::string p = write_raw("corrupt.gz", raw);
  const std::string message = data_error([&] { mt::read_idx(p); });
  EXPECT_CONTAINS(message, p);
  EXPECT_CONTAINS(message, "offset");
}

TEST_F(MnistFiles, BadHeaders) {
  const std::string text = write_raw("text.idx", Bytes{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'});
  EXPECT_CONTAINS(data_error([&] { mt::read_idx(text); }), "not an IDX file");
  const std::string floats = write_gz("floats.gz", Bytes{0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0});
  const std::string message = data_error([&] { mt::read_idx(floats); });
  EXPECT_CONTAINS(message, "0x0d at byte offset 2");
  const std::string no_dims = write_gz("nodims.gz", Bytes{0, 0, 8, 0});
  EXPECT_CONTAINS(data_error([&] { mt::read_idx(no_dims); }), "byte offset 3");
  const std::string zero = write_gz("zero.gz", idx({3, 0}, {}));
  EXPECT_CONTAINS(data_error([&] { mt::read_idx(zero); }), "dimension 1 of size 0 at byte offset 8");
  const std::string huge = write_gz("huge.gz", idx({0x7fffffff, 0x7fffffff}, {}));
  EXPECT_CONTAINS(data_error([&] { mt::read_idx(huge); }), "at most 2^32 bytes");
}

TEST_F(MnistFiles, InconsistentSplit) {
  write_gz("train-images-idx3-ubyte.gz", idx({3, 2, 2}, iota_bytes(12)));
  write_gz("train-labels-idx1-ubyte.gz", idx({2}, {1, 2}));
  EXPECT_CONTAINS(data_error([&] { mt::load_fashion_mnist(mt::MnistSplit::train, path("")); }), "holds 3 images but");
  write_gz("train-labels-idx1-ubyte.gz", idx({3}, {1, 12, 2}));
  EXPECT_CONTAINS(data_error([&] { mt::load_fashion_mnist(mt::MnistSplit::train, path("")); }),
                  "label 12 at byte offset 9");
  write_gz("train-labels-idx1-ubyte.gz", idx({3, 1}, {1, 2, 3}));
  EXPECT_CONTAINS(data_error([&] { mt::load_fashion_mnist(mt::MnistSplit::train, path("")); }), "1 dimension");
}

// The installed dataset (skipped without dataset-fashion-mnist).
TEST(FashionMnist, InstalledFiles) {
  const std::string dir(mt::kFashionMnistDir);
  if (!fs::exists(dir + "/t10k-labels-idx1-ubyte.gz")) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  const mt::FashionMnist test = mt::load_fashion_mnist(mt::MnistSplit::test);
  EXPECT_EQ(test.count, 10000);
  EXPECT_EQ(test.rows, 28);
  EXPECT_EQ(test.cols, 28);
  EXPECT_EQ(test.pixels.size(), 10000u * 28 * 28);
  std::vector<int> per_class(10, 0);
  for (std::uint8_t label : test.labels) ++per_class[label];
  EXPECT_EQ(per_class, std::vector<int>(10, 1000));  // the test split is balanced
  EXPECT_EQ(test.labels[0], 9);                      // an ankle boot
  const mt::Tensor x = mt::mnist_images(test, 0, 16);
  EXPECT_EQ(x.shape(), (mt::Shape{16, 1, 28, 28}));
  const std::vector<double> values = x.to_vector();
  EXPECT_GT(*std::max_element(values.begin(), values.end()), 200.0);
  EXPECT_EQ(*std::min_element(values.begin(), values.end()), 0.0);
}

TEST(FashionMnist, InstalledTrainingSplit) {
  const std::string dir(mt::kFashionMnistDir);
  if (!fs::exists(dir + "/train-labels-idx1-ubyte.gz")) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  const mt::FashionMnist train = mt::load_fashion_mnist(mt::MnistSplit::train);
  EXPECT_EQ(train.count, 60000);
  std::vector<int> per_class(10, 0);
  for (std::uint8_t label : train.labels) ++per_class[label];
  EXPECT_EQ(per_class, std::vector<int>(10, 6000));
}
