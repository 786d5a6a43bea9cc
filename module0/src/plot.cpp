// module0/src/plot.cpp
#include "minitorch/plot.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

#include "minitorch/errors.h"

namespace minitorch::plot {

namespace {

constexpr int kMargin = 40;  // room for the title and axis labels
constexpr char kClass0[] = "#69bac9";
constexpr char kClass1[] = "#ea8484";

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
      << escape_xml(title) << "</text>\n";
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
  Series series;
  series.colour = "#d62728";
  for (std::size_t i = 0; i < values.size(); ++i) {
    series.x.push_back(static_cast<double>(i + 1));
    series.y.push_back(values[i]);
  }
  ChartOptions chart;
  chart.title = options.title;
  chart.x_label = options.x_label;
  chart.y_label = options.y_label;
  chart.width = 560;
  chart.height = 360;
  return chart_svg({series}, chart);
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {0.0, 1.0};
  if (lo > hi) std::swap(lo, hi);
  if (hi - lo < 1e-12 * std::max(1.0, std::fabs(hi))) {  // one value: a unit around it
    lo -= lo == 0.0 ? 1.0 : std::fabs(lo) * 0.5;
    hi += hi == 0.0 ? 1.0 : std::fabs(hi) * 0.5;
  }
  const double rough = (hi - lo) / std::max(1, target - 1);
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  // Of the round steps near `rough`, the one whose tick count is nearest `target` (ties: the larger step).
  double step = 10.0 * power;
  int best = std::numeric_limits<int>::max();
  for (const double m : {10.0, 5.0, 2.0, 1.0}) {
    const double candidate = m * power;
    const int count = static_cast<int>(std::ceil(hi / candidate - 1e-9) - std::floor(lo / candidate + 1e-9)) + 1;
    if (std::abs(count - target) < best) {
      best = std::abs(count - target);
      step = candidate;
    }
  }
  const double first = std::floor(lo / step + 1e-9) * step;
  std::vector<double> ticks;
  for (double k = 0;; ++k) {
    double t = first + k * step;
    if (std::fabs(t) < step * 1e-9) t = 0.0;  // no -0 or 1e-17
    ticks.push_back(t);
    if (t >= hi - step * 1e-9) break;
  }
  return ticks;
}

std::string escape_xml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
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
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// A tick label with as many decimals as the step between ticks needs.
std::string tick_label(double v, double step) {
  const int decimals = step > 0 ? std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 10) : 2;
  char buf[48];
  if (std::fabs(v) >= 1e6 || (v != 0.0 && std::fabs(v) < 1e-4)) {
    std::snprintf(buf, sizeof buf, "%g", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  }
  return buf;
}

// An axis: data values to [0, 1], and its ticks.
struct Axis {
  bool log = false;
  double lo = 0.0, hi = 1.0;  // of the value (log: of log10 of it)
  std::vector<double> ticks;
  double step = 1.0;

  double unit(double v) const {
    const double u = log ? std::log10(v) : v;
    return (u - lo) / (hi - lo);
  }
  bool shows(double v) const { return std::isfinite(v) && (!log || v > 0.0); }
};

Axis make_axis(const std::vector<double>& values, bool log, bool from_zero, const std::vector<double>& fixed) {
  Axis a;
  a.log = log;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : values) {
    if (!a.shows(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (!std::isfinite(lo)) lo = log ? 1.0 : 0.0, hi = log ? 10.0 : 1.0;
  if (!fixed.empty()) {
    a.ticks = fixed;
    lo = std::min(lo, *std::min_element(fixed.begin(), fixed.end()));
    hi = std::max(hi, *std::max_element(fixed.begin(), fixed.end()));
    a.lo = log ? std::log10(lo) : lo;
    a.hi = log ? std::log10(hi) : hi;
    if (a.hi <= a.lo) a.hi = a.lo + 1.0;
    a.step = a.ticks.size() > 1 ? std::fabs(a.ticks[1] - a.ticks[0]) : 1.0;
    return a;
  }
  if (log) {  // whole decades
    a.lo = std::floor(std::log10(lo));
    a.hi = std::max(a.lo + 1.0, std::ceil(std::log10(hi)));
    for (double e = a.lo; e <= a.hi + 1e-9; ++e) a.ticks.push_back(std::pow(10.0, e));
    a.step = 0.0;
    return a;
  }
  if (from_zero) lo = std::min(lo, 0.0), hi = std::max(hi, 0.0);
  a.ticks = nice_ticks(lo, hi);
  a.lo = a.ticks.front();
  a.hi = a.ticks.back();
  a.step = a.ticks.size() > 1 ? a.ticks[1] - a.ticks[0] : 1.0;
  return a;
}

constexpr const char* kPalette[] = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf", "#888888"};

}  // namespace

std::string chart_svg(const std::vector<Series>& series, const ChartOptions& options) {
  bool legend = false;
  std::vector<double> xs, ys;
  for (const Series& s : series) {
    legend = legend || !s.name.empty();
    xs.insert(xs.end(), s.x.begin(), s.x.end());
    ys.insert(ys.end(), s.y.begin(), s.y.end());
  }
  const Axis ax = make_axis(xs, options.log_x, false, options.x_ticks);
  const Axis ay = make_axis(ys, options.log_y, options.y_from_zero, {});
  const double W = options.width, H = options.height, L = 70, R = legend ? 170 : 20, T = 40, B = 50;
  const auto px = [&](double x) { return L + ax.unit(x) * (W - L - R); };
  const auto py = [&](double y) { return H - B - ay.unit(y) * (H - T - B); };
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << W << "\" height=\"" << H
      << "\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << fmt((L + W - R) / 2) << "\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">"
      << escape_xml(options.title) << "</text>\n";
  for (double t : ay.ticks) {
    out << "<line x1=\"" << L << "\" x2=\"" << W - R << "\" y1=\"" << fmt(py(t)) << "\" y2=\"" << fmt(py(t))
        << "\" stroke=\"#ddd\"/><text x=\"" << L - 6 << "\" y=\"" << fmt(py(t) + 4) << "\" text-anchor=\"end\">"
        << escape_xml(ay.log ? tick_label(t, t) : tick_label(t, ay.step)) << "</text>\n";
  }
  for (double t : ax.ticks) {
    if (!ax.shows(t)) continue;
    out << "<line x1=\"" << fmt(px(t)) << "\" x2=\"" << fmt(px(t)) << "\" y1=\"" << T << "\" y2=\"" << H - B
        << "\" stroke=\"#eee\"/><text x=\"" << fmt(px(t)) << "\" y=\"" << H - B + 16 << "\" text-anchor=\"middle\">"
        << escape_xml(ax.log ? tick_label(t, t) : tick_label(t, ax.step)) << "</text>\n";
  }
  out << "<rect x=\"" << L << "\" y=\"" << T << "\" width=\"" << W - L - R << "\" height=\"" << H - T - B
      << "\" fill=\"none\" stroke=\"#444\"/>\n";
  int row = 0;
  for (std::size_t k = 0; k < series.size(); ++k) {
    const Series& s = series[k];
    const std::string colour = escape_xml(s.colour.empty() ? kPalette[k % std::size(kPalette)] : s.colour);
    out << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\" points=\"";
    const std::size_t n = std::min(s.x.size(), s.y.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (ax.shows(s.x[i]) && ay.shows(s.y[i])) out << fmt(px(s.x[i])) << ',' << fmt(py(s.y[i])) << ' ';
    }
    out << "\"/>\n";
    for (std::size_t i = 0; s.markers && i < n; ++i) {
      if (ax.shows(s.x[i]) && ay.shows(s.y[i])) {
        out << "<circle cx=\"" << fmt(px(s.x[i])) << "\" cy=\"" << fmt(py(s.y[i])) << "\" r=\"3.5\" fill=\"" << colour
            << "\"/>\n";
      }
    }
    if (legend && !s.name.empty()) {
      const double ly = T + 20 + 22 * row++;
      out << "<line x1=\"" << W - R + 15 << "\" x2=\"" << W - R + 40 << "\" y1=\"" << ly << "\" y2=\"" << ly
          << "\" stroke=\"" << colour << "\" stroke-width=\"2.5\"/><text x=\"" << W - R + 46 << "\" y=\"" << ly + 4
          << "\" font-size=\"12\">" << escape_xml(s.name) << "</text>\n";
    }
  }
  const std::string x_label = options.x_label + (ax.log ? " (log scale)" : "");
  const std::string y_label = options.y_label + (ay.log ? " (log scale)" : "");
  out << "<text x=\"" << fmt((L + W - R) / 2) << "\" y=\"" << H - 12 << "\" text-anchor=\"middle\" font-size=\"12\">"
      << escape_xml(x_label) << "</text>\n<text x=\"16\" y=\"" << fmt((T + H - B) / 2)
      << "\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 " << fmt((T + H - B) / 2) << ")\">"
      << escape_xml(y_label) << "</text>\n</svg>\n";
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
