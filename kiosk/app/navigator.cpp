#include "app/navigator.h"

#include <algorithm>

namespace vsk::app {

void Navigator::reset() {
  stack_.assign(1, Screen::kHome);
  show();
}

void Navigator::open(Screen s) {
  const auto it = std::find(stack_.begin(), stack_.end(), s);
  if (it != stack_.end())
    stack_.erase(it + 1, stack_.end());
  else
    stack_.push_back(s);
  show();
}

void Navigator::replace(Screen s) {
  if (stack_.size() > 1) stack_.pop_back();
  open(s);
}

void Navigator::open_path(std::initializer_list<Screen> path) {
  std::size_t keep = 1;  // the home screen
  for (const Screen s : path) {
    if (keep >= stack_.size() || stack_[keep] != s) break;
    ++keep;
  }
  stack_.resize(keep);
  for (auto it = path.begin() + static_cast<std::ptrdiff_t>(keep - 1); it != path.end(); ++it) stack_.push_back(*it);
  show();
}

void Navigator::insert_above_home(Screen s) {
  if (std::find(stack_.begin(), stack_.end(), s) != stack_.end()) return;
  stack_.insert(stack_.begin() + 1, s);
}

void Navigator::drop() {
  if (stack_.size() > 1) stack_.pop_back();
  show();
}

void Navigator::restore(std::vector<Screen> stack) {
  if (stack.empty() || stack.front() != Screen::kHome) stack.insert(stack.begin(), Screen::kHome);
  stack_ = std::move(stack);
  show();
}

const Navigator::Hooks* Navigator::hooks(Screen s) const {
  const auto it = hooks_.find(s);
  return it == hooks_.end() ? nullptr : &it->second;
}

Navigator::BackResult Navigator::back() {
  const Screen leaving = stack_.back();
  const Hooks* h = hooks(leaving);
  if (h && h->within && h->within()) return BackResult::kWithin;
  if (stack_.size() > 1) stack_.pop_back();
  show();
  // Copies: a hook may open screens, and so change the stack under us.
  if (h && h->left) std::function<void()>(h->left)();
  if (stack_.back() == Screen::kHome) return BackResult::kHome;
  const Hooks* back_to = hooks(stack_.back());
  if (back_to && back_to->returned) std::function<void()>(back_to->returned)();
  return BackResult::kPopped;
}

}  // namespace vsk::app
