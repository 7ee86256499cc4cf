#include "ui/shell.h"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cfloat>
#include <chrono>

#include "app/bootstrap.h"
#include "core/ui_scale.h"
#include "linux/watchdog.h"
#include "ui/root.h"
#include "ui/theme.h"
#include "ui/ui_context.h"

namespace vsk::ui {
namespace {

// How long the loop may sleep when nothing happens: the clock in the header shows minutes,
// and the idle reset must fire on time; nothing else changes on its own.
constexpr int kMaxSleepMs = 1000;
// ImGui settles hover/active state one frame after input; draw this many frames after any change.
constexpr int kFramesAfterChange = 2;
// systemd's watchdog (WatchdogSec=30) hears from the loop this often; the loop wakes every second.
constexpr std::uint64_t kAliveEveryMs = 5000;

}  // namespace

float body_font_px(int output_height) { return std::clamp(static_cast<float>(output_height) / 26.0f, 20.0f, 64.0f); }

float body_font_px(int output_width, int output_height) {
  // Portrait: by height alone the text would leave ~15 em across; keep at least 34 em (as 4:3).
  return std::min(body_font_px(output_height), std::max(20.0f, std::floor(static_cast<float>(output_width) / 34.0f)));
}

namespace {
// The attract screen and the idle prompt take the whole screen's input: a touch or key there
// only wakes the kiosk / answers the prompt.
bool waking_screen(const app::ViewState& s) { return s.screen == app::Screen::kAttract || s.idle_prompt_s.has_value(); }

float initial_body_px(const platform::SdlVideo& video) {
  int w = 0, h = 0;
  video.output_size(&w, &h);
  return body_font_px(w, h);
}
}  // namespace

Shell::Shell(app::KioskApp& app, const app::Translations& tr, const core::Catalog& catalog, platform::SdlVideo& video,
             const std::string& font_path, const std::string& extra_glyph_text)
    : app_(app), tr_(tr), catalog_(catalog), video_(video), fonts_(font_path, initial_body_px(video)),
      images_(video.renderer(), app::default_assets_dir()) {
  int w = 0, h = 0;
  video_.output_size(&w, &h);
  translator_.set_window_size(w, h);
  normal_body_px_ = fonts_.body_px();

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk keeps no window layout file
  io.LogFilename = nullptr;
  theme::apply_style(fonts_.body_px());
  video_.renderer().attach_imgui();

  fonts_.require(tr_.all_text());
  fonts_.require(extra_glyph_text);
  rebuild_fonts();
  last_counter_ = SDL_GetPerformanceCounter();
}

Shell::~Shell() {
  images_.clear();  // its textures belong to the renderer
  video_.renderer().detach_imgui();
  ImGui::DestroyContext();
}

void Shell::rebuild_fonts() {
  const auto t0 = std::chrono::steady_clock::now();
  video_.renderer().release_fonts();
  fonts_.build();
  video_.renderer().upload_fonts();  // alpha-only in place (software) or RGBA texture (GPU)
  stats_.last_atlas_build_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ++stats_.atlas_builds;
}

void Shell::apply_text_size() {
  const float want =
      app_.state().large_mode ? core::large_mode_body_px(normal_body_px_, dpi_) : normal_body_px_;
  if (want == fonts_.body_px()) return;
  fonts_.set_body_px(want);
  rebuild_fonts();
  theme::apply_style(want);
}

bool Shell::handle_event(const SDL_Event& e) {
  // Resident mode cannot be left: window close / Alt-F4 arrive as SDL_QUIT and are ignored
  // (only an admin's 退出终端程序 ends the program); Escape has no meaning here either.
  if (e.type == SDL_QUIT) return !allow_window_close_;
  if (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_ESCAPE) return true;
  if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
    int w = 0, h = 0;
    video_.output_size(&w, &h);
    translator_.set_window_size(w, h);
  }
  if (auto p = translator_.translate(e)) {
    pointer_.push(*p);
    app_.note_activity();
  }
  if ((e.type == SDL_KEYDOWN || e.type == SDL_TEXTINPUT) && waking_screen(app_.state())) {
    if (e.type == SDL_KEYDOWN) app_.dispatch(app::WakeUp{});
    return true;
  }
  // While the keyboard page is up, a physical keyboard (and a system IME) types into it.
  if (app_.state().text_entry.active) {
    if (e.type == SDL_TEXTINPUT) app_.dispatch(app::TextInput{e.text.text});
    if (e.type == SDL_TEXTEDITING) app_.dispatch(app::TextEditing{e.edit.text});
    if (e.type == SDL_KEYDOWN) {
      if (e.key.keysym.sym == SDLK_BACKSPACE) app_.dispatch(app::TextBackspace{});
      if (e.key.keysym.sym == SDLK_RETURN || e.key.keysym.sym == SDLK_KP_ENTER)
        app_.dispatch(app::TextDone{});
      app_.note_activity();
    }
    return true;
  }
  // A physical keyboard, if one is attached, types into the keypad too.
  if (e.type == SDL_TEXTINPUT) {
    for (const char* c = e.text.text; *c; ++c) app_.dispatch(app::Key{*c});
  } else if (e.type == SDL_KEYDOWN) {
    if (e.key.keysym.sym == SDLK_BACKSPACE) app_.dispatch(app::Backspace{});
    if (e.key.keysym.sym == SDLK_RETURN || e.key.keysym.sym == SDLK_KP_ENTER)
      app_.dispatch(app::Submit{});
    app_.note_activity();
  }
  return true;
}

bool Shell::render_frame() {
  ImGuiIO& io = ImGui::GetIO();
  int w = 0, h = 0;
  video_.output_size(&w, &h);
  io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
  const std::uint64_t now = SDL_GetPerformanceCounter();
  io.DeltaTime = std::max(1e-4f, static_cast<float>(now - last_counter_) / static_cast<float>(SDL_GetPerformanceFrequency()));
  last_counter_ = now;
  const platform::PointerEvent p = pointer_.next_frame_state();
  bool woke = false;
  if (p.down && !swallow_touch_ && waking_screen(app_.state())) {
    app_.dispatch(app::WakeUp{});
    swallow_touch_ = true;
    woke = true;
  }
  if (swallow_touch_) {
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = false;
    if (!p.down) swallow_touch_ = false;  // lifted: the next touch is an ordinary one
  } else {
    io.MousePos = ImVec2(p.x, p.y);
    io.MouseDown[0] = p.down;
  }

  const bool app_reset = app_.tick();
  apply_text_size();
  std::vector<app::Action> actions;
  record_.clear();
  ImGui::NewFrame();
  record_.screen = {0, 0, ImGui::GetIO().DisplaySize.x, ImGui::GetIO().DisplaySize.y};
  UiContext ui{app_.state(), tr_, fonts_, record_, actions, catalog_};
  ui.images = &images_;
  draw_screen(ui);
  ImGui::Render();

  video_.renderer().render(ImGui::GetDrawData(), theme::kBackground);
  ++stats_.frames;

  for (app::Action& a : actions) {
    // Read-aloud reads what this frame showed after the header (the button is drawn first).
    if (auto* access = std::get_if<app::AccessAction>(&a))
      if (auto* read = std::get_if<app::ReadAloud>(access)) read->text = record_.speakable_text();
    app_.dispatch(a);
  }
  const bool new_glyphs = fonts_.needs_rebuild();
  if (new_glyphs) rebuild_fonts();  // between frames; the next frame draws them
  return app_reset || woke || !actions.empty() || new_glyphs || !pointer_.empty();
}

void Shell::present() { video_.renderer().present(); }

void Shell::run(std::int64_t run_for_ms, const std::atomic<bool>* stop) {
  const std::uint64_t deadline = SDL_GetTicks64() + static_cast<std::uint64_t>(run_for_ms);
  int frames_owed = kFramesAfterChange;
  bool running = true;
  std::uint64_t last_alive = SDL_GetTicks64();
  while (running && !app_.state().exit_requested && !(stop && stop->load()) &&
         (run_for_ms == 0 || SDL_GetTicks64() < deadline)) {
    if (SDL_GetTicks64() - last_alive >= kAliveEveryMs) {
      platform::notify_alive();
      last_alive = SDL_GetTicks64();
    }
    SDL_Event e;
    int timeout = frames_owed > 0 ? 0 : kMaxSleepMs;
    if (app_.has_session()) timeout = std::min<int>(timeout, static_cast<int>(app_.ms_until_idle_reset()) + 1);
    bool woke = SDL_WaitEventTimeout(&e, timeout) == 1;
    while (woke) {
      if (!handle_event(e)) running = false;
      frames_owed = kFramesAfterChange;
      woke = SDL_PollEvent(&e) == 1;
    }
    const std::int64_t minute_before = app_.state().now_unix / 60;
    const int revision_before = app_.state().timed_revision;  // countdown seconds, attract slides
    if (app_.tick() || app_.refresh_live() || app_.state().now_unix / 60 != minute_before ||
        app_.state().timed_revision != revision_before)
      frames_owed = std::max(frames_owed, 1);
    if (frames_owed <= 0) continue;
    const bool changed = render_frame();
    present();
    frames_owed = changed ? kFramesAfterChange : frames_owed - 1;
  }
}

}  // namespace vsk::ui
