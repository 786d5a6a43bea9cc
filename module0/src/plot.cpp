// module0/src/plot.cpp
#include "minitorch/plot.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "minitorch/errors.h"

namespace minitorch::plot {

namespace {

constexpr int kMargin = 40;  // room for the title and axis labels
constexpr char kClass0[] = "#69bac9";
constexpr char kClass1[] = "#ea8484";

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// Blue (p = 0.2 and below) through white to red (p = 0.8 and above), as the
// course's contour plot with zmin = 0.2, zmax = 0.8.
std::string surface_colour(double p) {
  const double t = std::clamp((p - 0.2) / 0.6, 0.0, 1.0);
  const std::array<double, 3> blue = {49, 130, 189}, white = {247, 247, 247}, red = {222, 45, 38};
  std::array<double, 3> c{};
  for (int k = 0; k < 3; ++k) {
    c[k] = t < 0.5 ? blue[k] + (white[k] - blue[k]) * (t / 0.5) : white[k] + (red[k] - white[k]) * ((t - 0.5) / 0.5);
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(c[0]), static_cast<int>(c[1]),
                static_cast<int>(c[2]));
  return buf;
}

struct Frame {
  int size;
  // Data coordinates in [0, 1]^2 to pixels (x2 grows upwards).
  double px(double x1) const { return kMargin + x1 * size; }
  double py(double x2) const { return kMargin + (1.0 - x2) * size; }
};

void open_svg(std::ostringstream& out, const Frame& f, const std::string& title) {
  const int total = f.size + 2 * kMargin;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << total << "\" height=\"" << total << "\" viewBox=\"0 0 "
      << total << ' ' << total << "\" font-family=\"sans-serif\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << total / 2 << "\" y=\"" << kMargin / 2 + 6 << "\" text-anchor=\"middle\" font-size=\"16\">"
      << escape(title) << "</text>\n";
}

void draw_points(std::ostringstream& out, const Frame& f, const Dataset& data) {
  for (int i = 0; i < data.size(); ++i) {
    const double x = f.px(data.X[i][0]);
    const double y = f.py(data.X[i][1]);
    if (data.y[i] == 0) {
      out << "<circle cx=\"" << fmt(x) << "\" cy=\"" << fmt(y) << "\" r=\"6\" fill=\"" << kClass0
          << "\" stroke=\"black\" stroke-width=\"1.5\"/>\n";
    } else {
      const std::string cross = "M" + fmt(x - 6) + ',' + fmt(y - 6) + " L" + fmt(x + 6) + ',' + fmt(y + 6) + " M" +
                                fmt(x - 6) + ',' + fmt(y + 6) + " L" + fmt(x + 6) + ',' + fmt(y - 6);
      out << "<path d=\"" << cross << "\" stroke=\"black\" stroke-width=\"5\" stroke-linecap=\"round\"/>\n"
          << "<path d=\"" << cross << "\" stroke=\"" << kClass1 << "\" stroke-width=\"3\" stroke-linecap=\"round\"/>\n";
    }
  }
}

void draw_frame_and_legend(std::ostringstream& out, const Frame& f) {
  out << "<rect x=\"" << kMargin << "\" y=\"" << kMargin << "\" width=\"" << f.size << "\" height=\"" << f.size
      << "\" fill=\"none\" stroke=\"#444\"/>\n";
  const int base = kMargin + f.size + 24;
  out << "<text x=\"" << kMargin << "\" y=\"" << base << "\" font-size=\"12\">x1 \u2192   (x2 \u2191)</text>\n"
      << "<circle cx=\"" << kMargin + 150 << "\" cy=\"" << base - 4 << "\" r=\"5\" fill=\"" << kClass0
      << "\" stroke=\"black\"/><text x=\"" << kMargin + 160 << "\" y=\"" << base
      << "\" font-size=\"12\">class 0</text>\n"
      << "<text x=\"" << kMargin + 230 << "\" y=\"" << base << "\" font-size=\"14\" fill=\"" << kClass1
      << "\" font-weight=\"bold\">\u2715</text><text x=\"" << kMargin + 245 << "\" y=\"" << base
      << "\" font-size=\"12\">class 1</text>\n";
}

// The p = 0.5 level line of a grid of values (marching squares), as segments.
void draw_boundary(std::ostringstream& out, const Frame& f, const std::vector<double>& values, int n) {
  // values[(i * (n + 1)) + j] is the output at corner (x1 = j / n, x2 = i / n).
  const auto v = [&](int i, int j) { return values[static_cast<std::size_t>(i) * (n + 1) + j] - 0.5; };
  const auto cross = [](double a, double b) { return a / (a - b); };  // where the line crosses a->b, in [0, 1]
  out << "<path fill=\"none\" stroke=\"#222\" stroke-width=\"2\" d=\"";
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      const double c[4] = {v(i, j), v(i, j + 1), v(i + 1, j + 1), v(i + 1, j)};
      // Crossing points on the four edges: bottom, right, top, left.
      std::vector<std::array<double, 2>> pts;
      const double x0 = static_cast<double>(j) / n, y0 = static_cast<double>(i) / n, h = 1.0 / n;
      if ((c[0] < 0) != (c[1] < 0)) pts.push_back({x0 + h * cross(c[0], c[1]), y0});
      if ((c[1] < 0) != (c[2] < 0)) pts.push_back({x0 + h, y0 + h * cross(c[1], c[2])});
      if ((c[3] < 0) != (c[2] < 0)) pts.push_back({x0 + h * cross(c[3], c[2]), y0 + h});
      if ((c[0] < 0) != (c[3] < 0)) pts.push_back({x0, y0 + h * cross(c[0], c[3])});
      for (std::size_t k = 0; k + 1 < pts.size(); k += 2) {
        out << 'M' << fmt(f.px(pts[k][0])) << ',' << fmt(f.py(pts[k][1])) << 'L' << fmt(f.px(pts[k + 1][0])) << ','
            << fmt(f.py(pts[k + 1][1]));
      }
    }
  }
  out << "\"/>\n";
}

}  // namespace

std::string decision_svg(const Dataset& data, const BatchClassifier& model, const DecisionPlotOptions& options) {
  const Frame f{options.size_px};
  const int n = std::max(2, options.grid);
  // Evaluate at cell centres (for shading) and at cell corners (for the boundary line).
  std::vector<std::array<double, 2>> centres, corners;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) centres.push_back({(j + 0.5) / n, (i + 0.5) / n});
  for (int i = 0; i <= n; ++i)
    for (int j = 0; j <= n; ++j) corners.push_back({static_cast<double>(j) / n, static_cast<double>(i) / n});
  const std::vector<double> shade = model(centres);
  const std::vector<double> level = model(corners);
  if (shade.size() != centres.size() || level.size() != corners.size()) {
    throw ValueError("decision_svg: the model returned " + std::to_string(shade.size()) + " outputs for " +
                     std::to_string(centres.size()) + " points");
  }
  std::ostringstream out;
  open_svg(out, f, options.title);
  const double cell = static_cast<double>(f.size) / n;
  out << "<g opacity=\"0.6\" shape-rendering=\"crispEdges\">\n";
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      out << "<rect x=\"" << fmt(f.px(static_cast<double>(j) / n)) << "\" y=\""
          << fmt(f.py(static_cast<double>(i + 1) / n)) << "\" width=\"" << fmt(cell + 0.5) << "\" height=\""
          << fmt(cell + 0.5) << "\" fill=\"" << surface_colour(shade[static_cast<std::size_t>(i) * n + j]) << "\"/>\n";
    }
  }
  out << "</g>\n";
  draw_boundary(out, f, level, n);
  draw_points(out, f, data);
  draw_frame_and_legend(out, f);
  out << "</svg>\n";
  return out.str();
}

std::string decision_svg(const Dataset& data, const PointClassifier& model, const DecisionPlotOptions& options) {
  return decision_svg(data, BatchClassifier([&](const std::vector<std::array<double, 2>>& pts) {
                        std::vector<double> out;
                        out.reserve(pts.size());
                        for (const auto& p : pts) out.push_back(model(p[0], p[1]));
                        return out;
                      }),
                      options);
}

std::string dataset_svg(const Dataset& data, const DecisionPlotOptions& options) {
  const Frame f{options.size_px};
  std::ostringstream out;
  open_svg(out, f, options.title);
  draw_points(out, f, data);
  draw_frame_and_legend(out, f);
  out << "</svg>\n";
  return out.str();
}

std::string line_svg(const std::vector<double>& values, const LossPlotOptions& options) {
  const int width = 560, height = 360, left = 70, right = 20, top = 40, bottom = 50;
  const int w = width - left - right, h = height - top - bottom;
  double hi = 0.0;
  for (double v : values)
    if (std::isfinite(v)) hi = std::max(hi, v);
  if (hi <= 0.0) hi = 1.0;
  const std::size_t n = std::max<std::size_t>(values.size(), 2);
  const auto px = [&](std::size_t i) { return left + w * static_cast<double>(i) / (n - 1); };
  const auto py = [&](double v) { return top + h * (1.0 - std::clamp(v, 0.0, hi) / hi); };
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << width / 2 << "\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">" << escape(options.title)
      << "</text>\n";
  for (int k = 0; k <= 4; ++k) {  // horizontal grid with value labels
    const double v = hi * k / 4.0;
    out << "<line x1=\"" << left << "\" x2=\"" << left + w << "\" y1=\"" << fmt(py(v)) << "\" y2=\"" << fmt(py(v))
        << "\" stroke=\"#ddd\"/><text x=\"" << left - 6 << "\" y=\"" << fmt(py(v) + 4)
        << "\" text-anchor=\"end\" font-size=\"11\">" << fmt(v) << "</text>\n";
  }
  for (int k = 0; k <= 4; ++k) {  // epoch ticks
    const std::size_t i = (n - 1) * k / 4;
    out << "<text x=\"" << fmt(px(i)) << "\" y=\"" << top + h + 16 << "\" text-anchor=\"middle\" font-size=\"11\">" << i
        << "</text>\n";
  }
  out << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"" << w << "\" height=\"" << h
      << "\" fill=\"none\" stroke=\"#444\"/>\n<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" points=\"";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isfinite(values[i])) out << fmt(px(i)) << ',' << fmt(py(values[i])) << ' ';
  }
  out << "\"/>\n<text x=\"" << left + w / 2 << "\" y=\"" << height - 10 << "\" text-anchor=\"middle\" font-size=\"12\">"
      << escape(options.x_label) << "</text>\n<text x=\"16\" y=\"" << top + h / 2
      << "\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 " << top + h / 2 << ")\">"
      << escape(options.y_label) << "</text>\n</svg>\n";
  return out.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  if (!file) throw Error("cannot write '" + path + "': " + std::strerror(errno));
  file << text;
  file.close();
  if (!file) throw Error("cannot write '" + path + "': " + std::strerror(errno));
}

}  // namespace minitorch::plot
