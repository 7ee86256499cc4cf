// std::visit with one lambda per alternative: `std::visit(Overloaded{[](const A&){}, ...}, v)`.
#pragma once

namespace vsk::app {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace vsk::app
