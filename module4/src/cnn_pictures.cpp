// module4/src/cnn_pictures.cpp
#include "minitorch/cnn_pictures.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "minitorch/plot.h"

namespace minitorch::plot {

namespace {

constexpr const char* kSvgOpen = "<svg xmlns=\"http://www.w3.org/2000/svg\"";

std::string rgb(int r, int g, int b) {
  char s[32];
  std::snprintf(s, sizeof s, "rgb(%d,%d,%d)", std::clamp(r, 0, 255), std::clamp(g, 0, 255), std::clamp(b, 0, 255));
  return s;
}

}  // namespace

std::string classifier_curves_svg(const ClassifierTrainResult& result, const std::string& title) {
  Series loss{"train loss (mean)", {}, {}, "", true};
  Series train_acc{"train", {}, {}, "", true};
  Series valid_acc{"validation", {}, {}, "", true};
  for (std::size_t i = 0; i < result.epochs.size(); ++i) {
    const EpochReport& e = result.epochs[i];
    const double x = e.epoch;
    loss.x.push_back(x);
    loss.y.push_back(result.train_total > 0 ? e.loss / result.train_total : 0.0);
    train_acc.x.push_back(x);
    train_acc.y.push_back(result.train_total > 0 ? 100.0 * result.train_correct[i] / result.train_total : 0.0);
    valid_acc.x.push_back(x);
    valid_acc.y.push_back(e.total > 0 ? 100.0 * e.correct / e.total : 0.0);
  }
  ChartOptions left;
  left.title = title + ": loss";
  left.x_label = "epoch";
  left.y_label = "mean NLL loss";
  ChartOptions right = left;
  right.title = title + ": accuracy";
  right.y_label = "accuracy (%)";
  std::ostringstream out;
  out << kSvgOpen << " width=\"1280\" height=\"400\">\n";
  out << "<svg x=\"0\" y=\"0\">" << chart_svg({loss}, left) << "</svg>\n";
  out << "<svg x=\"640\" y=\"0\">" << chart_svg({train_acc, valid_acc}, right) << "</svg>\n";
  out << "</svg>\n";
  return out.str();
}

std::string confusion_svg(const std::vector<std::vector<int>>& counts, const std::vector<std::string>& class_names,
                          const std::string& title) {
  const int n = static_cast<int>(counts.size());
  const int cell = 44, left = 120, top = 70, bottom = 40;
  int total = 0, right = 0, largest = 1;
  for (int t = 0; t < n; ++t) {
    for (int p = 0; p < n; ++p) {
      const int c = counts[static_cast<std::size_t>(t)][static_cast<std::size_t>(p)];
      total += c;
      if (t == p) right += c;
      largest = std::max(largest, c);
    }
  }
  const int width = left + n * cell + 20, height = top + n * cell + bottom;
  std::ostringstream out;
  out << kSvgOpen << " width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  char acc[64];
  std::snprintf(acc, sizeof acc, " (accuracy %.1f%%, %d/%d)", total > 0 ? 100.0 * right / total : 0.0, right, total);
  out << "<text x=\"10\" y=\"20\" font-size=\"14\">" << escape_xml(title + acc) << "</text>\n";
  out << "<text x=\"" << left + n * cell / 2 << "\" y=\"" << top - 30 << "\" text-anchor=\"middle\">predicted</text>\n";
  out << "<text x=\"10\" y=\"" << top - 8 << "\">true</text>\n";
  for (int i = 0; i < n; ++i) {
    const std::string name = escape_xml(class_names[static_cast<std::size_t>(i)]);
    out << "<text x=\"" << left - 6 << "\" y=\"" << top + i * cell + cell / 2 + 4 << "\" text-anchor=\"end\">" << name
        << "</text>\n";
    out << "<text x=\"" << left + i * cell + cell / 2 << "\" y=\"" << top - 6
        << "\" text-anchor=\"middle\" font-size=\"9\">" << name.substr(0, 7) << "</text>\n";
  }
  for (int t = 0; t < n; ++t) {
    for (int p = 0; p < n; ++p) {
      const int c = counts[static_cast<std::size_t>(t)][static_cast<std::size_t>(p)];
      const double s = std::sqrt(static_cast<double>(c) / largest);  // sqrt: small errors stay visible
      const int shade = static_cast<int>(255 - 200 * s);
      const std::string fill = t == p ? rgb(shade, 255 - static_cast<int>(90 * s), shade) : rgb(255, shade, shade);
      out << "<rect x=\"" << left + p * cell << "\" y=\"" << top + t * cell << "\" width=\"" << cell << "\" height=\""
          << cell << "\" fill=\"" << fill << "\" stroke=\"#ccc\"/>\n";
      if (c > 0) {
        out << "<text x=\"" << left + p * cell + cell / 2 << "\" y=\"" << top + t * cell + cell / 2 + 4
            << "\" text-anchor=\"middle\">" << c << "</text>\n";
      }
    }
  }
  out << "</svg>\n";
  return out.str();
}

std::string image_grid_svg(const std::vector<GridImage>& images, const GridOptions& options) {
  const int columns = std::max(1, options.columns);
  int max_h = 1, max_w = 1;
  for (const GridImage& im : images) {
    max_h = std::max(max_h, im.height);
    max_w = std::max(max_w, im.width);
  }
  const int px = std::max(1, options.cell_px);
  const int box_w = std::max(max_w * px, 60) + 10, box_h = max_h * px + 24;
  const int rows = (static_cast<int>(images.size()) + columns - 1) / columns;
  const int top = 34;
  const int width = columns * box_w + 10, height = top + rows * box_h + 10;
  std::ostringstream out;
  out << kSvgOpen << " width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"sans-serif\" font-size=\"10\" shape-rendering=\"crispEdges\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << "<text x=\"10\" y=\"20\" font-size=\"14\">" << escape_xml(options.title) << "</text>\n";
  for (std::size_t k = 0; k < images.size(); ++k) {
    const GridImage& im = images[k];
    const int x0 = 10 + static_cast<int>(k % static_cast<std::size_t>(columns)) * box_w;
    const int y0 = top + static_cast<int>(k / static_cast<std::size_t>(columns)) * box_h;
    double lo = 0.0, hi = 0.0;
    if (!im.values.empty()) {
      lo = *std::min_element(im.values.begin(), im.values.end());
      hi = *std::max_element(im.values.begin(), im.values.end());
    }
    const double scale = std::max(std::abs(lo), std::abs(hi));
    for (int y = 0; y < im.height; ++y) {
      for (int x = 0; x < im.width; ++x) {
        const double v = im.values[static_cast<std::size_t>(y * im.width + x)];
        std::string fill;
        if (options.diverging) {
          const double s = scale > 0 ? v / scale : 0.0;  // -1 .. 1
          const int fade = static_cast<int>(255 * (1.0 - std::abs(s)));
          fill = s >= 0 ? rgb(255, fade, fade) : rgb(fade, fade, 255);
        } else {
          const int g = hi > lo ? static_cast<int>(255 * (v - lo) / (hi - lo)) : 0;
          fill = rgb(g, g, g);
        }
        out << "<rect x=\"" << x0 + x * px << "\" y=\"" << y0 + y * px << "\" width=\"" << px << "\" height=\"" << px
            << "\" fill=\"" << fill << "\"/>\n";
      }
    }
    out << "<text x=\"" << x0 << "\" y=\"" << y0 + im.height * px + 12 << "\">" << escape_xml(im.caption)
        << "</text>\n";
  }
  out << "</svg>\n";
  return out.str();
}

}  // namespace minitorch::plot
