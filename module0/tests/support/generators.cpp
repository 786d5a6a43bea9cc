// module0/tests/support/generators.cpp
//
// The course's bounded generators (generators.h says what each draws).
#include "support/generators.h"

#include <cmath>
#include <tuple>
#include <utility>

namespace minitorch::testing {

rc::Gen<double> small_floats() {
  return rc::gen::map(rc::gen::inRange(0, 20001), [](int i) { return (i % 2 == 0 ? i / 2 : -(i + 1) / 2) / 100.0; });
}

rc::Gen<double> floats_between(double lo, double hi) {
  const int a = static_cast<int>(lo * 100), b = static_cast<int>(hi * 100);
  return rc::gen::map(rc::gen::inRange(a, b + 1), [](int i) { return i / 100.0; });
}

rc::Gen<double> tiny_floats() {
  return rc::gen::map(rc::gen::tuple(rc::gen::inRange(1, 10), rc::gen::inRange(3, 10), rc::gen::arbitrary<bool>()),
                      [](const std::tuple<int, int, bool>& drawn) {
                        const auto [m, e, negative] = drawn;
                        return (negative ? -m : m) * std::pow(10.0, -e);
                      });
}

rc::Gen<double> floats_near(std::vector<double> points) {
  return rc::gen::map(rc::gen::pair(rc::gen::elementOf(points), rc::gen::oneOf(rc::gen::just(0.0), tiny_floats())),
                      [](const std::pair<double, double>& drawn) { return drawn.first + drawn.second; });
}

rc::Gen<double> edge_floats(std::vector<double> points) {
  return rc::gen::weightedOneOf<double>({{6, small_floats()}, {1, tiny_floats()}, {1, floats_near(std::move(points))}});
}

rc::Gen<int> small_ints() { return rc::gen::inRange(1, 4); }

rc::Gen<int> med_ints() { return rc::gen::inRange(1, 21); }

rc::Gen<std::vector<double>> float_lists(int min_size, int max_size) {
  return rc::gen::mapcat(rc::gen::inRange(min_size, max_size + 1), [](int n) {
    return rc::gen::container<std::vector<double>>(static_cast<std::size_t>(n), small_floats());
  });
}

}  // namespace minitorch::testing
