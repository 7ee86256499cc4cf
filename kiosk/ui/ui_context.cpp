#include "ui/ui_context.h"

namespace vsk::ui {

std::string UiContext::t(const std::string& key) const {
  std::string s = tr.text(state.locale, key);
  fonts.require(s);
  return s;
}

std::string UiContext::msg(const core::Message& m) const {
  std::string s = tr.format(state.locale, m);
  fonts.require(s);
  return s;
}

std::string UiContext::local(const core::LocalText& text) const {
  std::string s = text.in(state.locale);
  fonts.require(s);
  return s;
}

}  // namespace vsk::ui
