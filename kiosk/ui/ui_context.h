// What a screen function gets: the state to draw, the strings, the fonts, and where to put
// the user's actions and the frame record. Screens never touch the store.
#pragma once

#include <string>
#include <vector>

#include "app/action.h"
#include "app/translations.h"
#include "app/view_state.h"
#include "core/catalog.h"
#include "ui/font_set.h"
#include "ui/frame_record.h"

namespace vsk::ui {

struct UiContext {
  const app::ViewState& state;
  const app::Translations& tr;
  FontSet& fonts;
  FrameRecord& record;
  std::vector<app::Action>& actions;
  const core::Catalog& catalog;
  class ImageCache* images = nullptr;  // pictures under assets/ (none in tests without a renderer)
  float content_top = 0;  // where the screen's own content starts, below the header (set by header())

  // Translated text for `key` in the current language; its glyphs join the atlas.
  std::string t(const std::string& key) const;
  std::string msg(const core::Message& m) const;
  void emit(app::Action action) const { actions.push_back(std::move(action)); }
  float em() const { return fonts.body_px(); }  // every size is a multiple of this
  // Catalog text in the current language; its glyphs join the atlas.
  std::string local(const core::LocalText& text) const;
};

}  // namespace vsk::ui
