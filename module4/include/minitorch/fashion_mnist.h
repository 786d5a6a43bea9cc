// module4/include/minitorch/fashion_mnist.h
//
// Fashion-MNIST (Zalando's drop-in replacement for MNIST: 28x28 grey images
// of clothes in 10 classes, 60000 for training and 10000 for testing), read
// from the IDX files that Debian's package dataset-fashion-mnist installs in
// /usr/share/datasets/fashion-mnist (gzip-compressed; read through zlib).
//
//   const FashionMnist train = load_fashion_mnist(MnistSplit::train);
//   Tensor x = mnist_images(train, 0, 16, fast_backend());    // (16, 1, 28, 28), pixels 0..255
//   Tensor y = mnist_one_hot(train, 0, 16, fast_backend());   // (16, 10)
//
// Every failure is a DataError that says what to do: a missing file names
// the package and the command that installs it; a truncated or corrupt file
// names the file and the byte offset (in the uncompressed stream) where
// reading failed. Nothing here aborts the process on bad input.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minitorch/tensor.h"

namespace minitorch {

/// Where dataset-fashion-mnist installs its files.
inline constexpr std::string_view kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

/// The classes, by label.
inline constexpr std::array<std::string_view, 10> kFashionMnistClasses = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

/// The contents of one IDX file of unsigned bytes: its dimensions (outermost
/// first) and the bytes in row-major order.
struct IdxArray {
  std::vector<int> dims;
  std::vector<std::uint8_t> data;
};

/// Reads an IDX file of unsigned bytes (type code 0x08), gzip-compressed or
/// not. DataError when the file cannot be opened, when its header is not
/// that of an IDX file of unsigned bytes, or when it ends (or its gzip
/// stream breaks) before the data its header announces.
IdxArray read_idx(const std::string& path);

enum class MnistSplit { train, test };

/// Images and labels of one split.
struct FashionMnist {
  int count = 0;
  int rows = 0;
  int cols = 0;
  std::vector<std::uint8_t> pixels;  // count * rows * cols, image by image, row-major
  std::vector<std::uint8_t> labels;  // count, each 0..9
};

/// Loads a split from `dir` (train-images-idx3-ubyte.gz and
/// train-labels-idx1-ubyte.gz, or t10k-...). DataError when a file is missing
/// (naming the package dataset-fashion-mnist and how to install it), corrupt
/// or truncated (naming the file and offset), when the images are not 3-D or
/// the labels not 1-D, when their counts differ, or a label is above 9.
FashionMnist load_fashion_mnist(MnistSplit split, const std::string& dir = std::string(kFashionMnistDir));

/// Images begin .. end-1 as a (end - begin, 1, rows, cols) tensor of the raw
/// pixel values 0..255 (as the original course feeds its network).
/// ValueError unless 0 <= begin <= end <= count.
Tensor mnist_images(const FashionMnist& data, int begin, int end, const TensorBackend& backend = simple_backend());

/// Labels begin .. end-1 one-hot: (end - begin, 10).
Tensor mnist_one_hot(const FashionMnist& data, int begin, int end, const TensorBackend& backend = simple_backend());

}  // namespace minitorch
