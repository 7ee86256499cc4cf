// The running kiosk around the app: ImGui context, fonts, renderer, input, frame pacing.
// The same shell runs fullscreen, windowed and headless (offscreen) so tests see what
// residents see.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "app/kiosk_app.h"
#include "app/translations.h"
#include "sdl/pointer_events.h"
#include "sdl/sdl_video.h"
#include "ui/image_cache.h"
#include "ui/font_set.h"
#include "ui/frame_record.h"

namespace vsk::ui {

struct ShellStats {
  std::int64_t frames = 0;
  std::int64_t atlas_builds = 0;
  double last_atlas_build_ms = 0;
};

class Shell {
 public:
  // `extra_glyph_text`: data that may be shown (names, addresses) so its glyphs are ready.
  Shell(app::KioskApp& app, const app::Translations& tr, const core::Catalog& catalog, platform::SdlVideo& video,
        const std::string& font_path, const std::string& extra_glyph_text);
  ~Shell();
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;

  // Interactive loop until an admin quits, `stop` becomes true (SIGTERM from systemd), or
  // `run_for_ms` passed when non-zero. Redraws only when something changed.
  void run(std::int64_t run_for_ms = 0, const std::atomic<bool>* stop = nullptr);
  // Closing the window (Alt-F4, the window manager) ends the program only in development
  // (--windowed); on the kiosk it is ignored.
  void allow_window_close(bool allow) { allow_window_close_ = allow; }

  // One frame: feed input, draw, apply the user's actions, present. Returns true when the
  // frame changed something (an action, a new glyph), i.e. another frame is worth drawing.
  bool render_frame();
  // Shows the last rendered frame (a frame that changed nothing is not presented again).
  void present();
  // Handles one SDL event; returns false when the program should end.
  bool handle_event(const union SDL_Event& e);

  // The screen's pixel density, for large mode's millimetre sizes (core/ui_scale.h).
  void set_dpi(float dpi) { dpi_ = dpi; }
  float dpi() const { return dpi_; }

  platform::PointerQueue& pointer() { return pointer_; }
  const FrameRecord& last_frame() const { return record_; }
  const FontSet& fonts() const { return fonts_; }
  const ShellStats& stats() const { return stats_; }
  ImageCache& images() { return images_; }
  app::KioskApp& app() { return app_; }
  platform::SdlVideo& video() { return video_; }

 private:
  void rebuild_fonts();
  void apply_text_size();  // normal or large mode, as the app state says

  app::KioskApp& app_;
  const app::Translations& tr_;
  const core::Catalog& catalog_;
  platform::SdlVideo& video_;
  FontSet fonts_;
  FrameRecord record_;
  platform::PointerQueue pointer_;
  platform::PointerTranslator translator_;
  std::uint64_t last_counter_ = 0;
  ShellStats stats_;
  ImageCache images_;  // after video_: its textures belong to the renderer
  bool allow_window_close_ = false;
  // The touch that woke the attract screen or answered the idle prompt: kept from ImGui until
  // the finger lifts, so it does not also press the button under it.
  bool swallow_touch_ = false;
  float normal_body_px_ = 0;
  float dpi_ = 96.0f;
};

// Body text size for an output height: large enough to read standing, in whole pixels.
float body_font_px(int output_height);
// The same for a whole output: no wider than 1/34 of the width either (portrait screens).
float body_font_px(int output_width, int output_height);

}  // namespace vsk::ui
