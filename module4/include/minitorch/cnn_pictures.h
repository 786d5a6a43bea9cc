// module4/include/minitorch/cnn_pictures.h
//
// Pictures of Task 4.5's classifiers, as standalone SVG files (plot.h's
// write_file writes them): the training curves, a confusion matrix, and
// grids of small images (the learned filters, the feature maps of an image).
#pragma once

#include <string>
#include <vector>

#include "minitorch/classifier.h"

namespace minitorch::plot {

/// Mean training loss per epoch and the training and validation accuracy (%)
/// per epoch, as two charts side by side in one SVG.
std::string classifier_curves_svg(const ClassifierTrainResult& result, const std::string& title);

/// counts[truth][predicted] as a shaded grid with the counts written in,
/// rows labelled with the true class, columns with the predicted one, and
/// the accuracy in the title.
std::string confusion_svg(const std::vector<std::vector<int>>& counts, const std::vector<std::string>& class_names,
                          const std::string& title);

/// One small image of a grid: height x width values, row-major, and a caption.
struct GridImage {
  std::vector<double> values;
  int height = 0;
  int width = 0;
  std::string caption;
};

struct GridOptions {
  std::string title;
  int columns = 8;
  int cell_px = 8;         // pixels per value
  bool diverging = false;  // true: blue (negative) - white (0) - red (positive), scaled per image by max |v|;
                           // false: black (min) to white (max) per image
};

/// The images in rows of `columns`, each with its caption under it.
std::string image_grid_svg(const std::vector<GridImage>& images, const GridOptions& options);

}  // namespace minitorch::plot
