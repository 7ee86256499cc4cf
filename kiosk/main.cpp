// The kiosk binary: wires platform services, the store, the app and the UI shell.
#include <sys/resource.h>

#include <SDL.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/demo_points.h"
#include "app/points_rules_loader.h"
#include "app/backup_service.h"
#include "app/bootstrap.h"
#include "app/township_documents.h"
#include "core/id_number.h"
#include "sync/client/kiosk_sync_port.h"
#include "sync/client/usb_exchange.h"
#include "app/calendar_loader.h"
#include "app/catalog_loader.h"
#include "app/demo_notices.h"
#include "app/demo_requests.h"
#include "app/request_service.h"
#include "app/kiosk_app.h"
#include "app/translations.h"
#include "kiosk_options.h"
#include "linux/rime_pinyin.h"
#include "app/hardware_setup.h"
#include "app/kiosk_runtime.h"
#include "linux/watchdog.h"
#include "fake/manual_clock.h"
#include "fake/sequence_random.h"
#include "platform/printer.h"
#include "platform/random.h"
#include "sdl/sdl_chime.h"
#include "sdl/sdl_speaker.h"
#include "ui/font_set.h"
#include "ui/script.h"
#include "ui/shell.h"

namespace {

// Set by SIGTERM (systemd stop) or SIGINT; the loop ends cleanly at the next wake-up.
std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }

using Steady = std::chrono::steady_clock;

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

// Every catalog text, so the atlas has its glyphs before the first catalog screen.
std::string catalog_text(const vsk::core::Catalog& c) {
  std::string out;
  auto add = [&](const vsk::core::LocalText& t) { out += t.zh + t.en; };
  for (const auto& cat : c.categories) add(cat.name);
  for (const auto& s : c.services) {
    add(s.name);
    add(s.summary);
    add(s.department);
    for (const auto& m : s.materials) add(m);
    for (const auto& f : s.fields) {
      add(f.label);
      add(f.unit);
      for (const auto& ch : f.choices) add(ch.label);
      for (const auto& p : f.phrases) add(p);
    }
  }
  return out;
}

int fail(const std::string& what) {
  std::cerr << "kiosk: " << what << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const Steady::time_point started = Steady::now();
  const vsk::ParsedOptions parsed = vsk::parse_kiosk_options(argc, argv);
  if (!parsed.error.empty()) {
    std::cerr << "kiosk: " << parsed.error << "\n" << vsk::kiosk_usage();
    return 2;
  }
  const vsk::KioskOptions& o = parsed.options;
  if (o.help) {
    std::cout << vsk::kiosk_usage();
    return 0;
  }

  // Scripts run on simulated time so "wait 61000" takes no real minute.
  vsk::platform::SystemClock system_clock;
  vsk::platform::ManualClock script_clock(o.fake_now != 0 ? o.fake_now : system_clock.unix_seconds());
  const bool scripted = !o.script.empty();
  vsk::platform::Clock& clock = scripted ? static_cast<vsk::platform::Clock&>(script_clock) : system_clock;

  try {
    const std::string assets = o.assets_dir.empty() ? vsk::app::default_assets_dir() : o.assets_dir;
    const vsk::app::Translations tr = vsk::app::Translations::load(assets + "/i18n", {"zh-CN", "en"});
    const std::string data_dir = o.data_dir.empty() ? vsk::app::default_data_dir() : o.data_dir;
    // The township may have sent newer versions of these (sync); they take effect at start-up.
    const vsk::core::Catalog catalog =
        vsk::app::load_catalog(vsk::app::document_path(data_dir, assets, "catalog/services.json"));
    const vsk::core::WorkingCalendar calendar = vsk::app::load_working_calendar(assets + "/calendar/cn-holidays.json");
    const vsk::core::PointsRules points_rules = vsk::app::load_points_rules(vsk::app::document_path(data_dir, assets, "points/rules.json"));
    // Scripts get predictable pickup codes so they can track what they filed.
    vsk::platform::SodiumRandom sodium_random;
    vsk::platform::SequenceRandom script_random;
    vsk::platform::Random& random = scripted ? static_cast<vsk::platform::Random&>(script_random) : sodium_random;

    vsk::platform::SodiumPinHasher hasher;
    vsk::app::OpenedVillage village = vsk::app::open_village(data_dir, hasher, true);
    vsk::store::KioskStore& store = *village.store;
    if (village.seeded_now) {
      const int n = vsk::app::seed_demo_requests(store, catalog, calendar, random, clock.unix_seconds());
      vsk::app::seed_demo_points(store, points_rules, clock.unix_seconds());
      const int notices = vsk::app::seed_demo_notices(store, clock.unix_seconds());
      std::cerr << "kiosk: created the demo village with " << n << " requests and " << notices << " notices in "
                << data_dir << "\n";
    }
    const std::string font = vsk::ui::find_cjk_font(o.font);
    if (font.empty())
      return fail(o.font.empty() ? "no Chinese font found: install fonts-wqy-microhei or fonts-noto-cjk"
                                 : "font file not found: " + o.font);

    vsk::app::RequestPolicy policy;
    policy.kiosk_code = store.settings().get_or(vsk::store::setting::kKioskCode, policy.kiosk_code);
    vsk::app::RequestService requests(store, catalog, calendar, clock, random, policy);
    vsk::app::PointsService points(store, points_rules, clock, random);
    // Receipts go to the ESC/POS printer set with `kioskctl hardware set-printer`, else PNG files
    // in the data dir. The monitor asks the printer every few minutes (and sees every print),
    // so the admin home says 打印机缺纸 before a resident finds out.
    const std::unique_ptr<vsk::platform::Printer> device_printer =
        vsk::app::make_receipt_printer(vsk::app::printer_choice(store.settings()), data_dir, font);
    vsk::app::HardwareMonitor hardware(device_printer.get());
    vsk::app::MonitoredPrinter printer(*device_printer, hardware);
    // The ID card reader (kioskctl hardware set-reader; default /dev/ttyUSB* /dev/ttyACM*),
    // watched on its own thread; found or not, the keypad always works.
    const std::unique_ptr<vsk::platform::IdCardReader> card_reader =
        vsk::app::make_card_reader(vsk::app::reader_devices(store.settings()));
    std::optional<vsk::app::CardPoller> cards;
    if (card_reader && !o.measure_startup && o.idle_seconds == 0) {
      cards.emplace(*card_reader, &hardware);
      cards->start();
    }

    vsk::app::AppOptions app_options;
    app_options.default_locale = o.lang;
    const std::int64_t idle_s =
        o.idle_timeout_s > 0 ? o.idle_timeout_s : store.settings().get_int_or(vsk::store::setting::kIdleTimeoutSeconds, 60);
    app_options.idle_timeout_ms = idle_s * 1000;
    app_options.attract_after_ms = idle_s * 1000;  // the same quiet time starts the attract screen
    app_options.staff_idle_timeout_ms =
        store.settings().get_int_or(vsk::store::setting::kStaffIdleTimeoutSeconds, 180) * 1000;
    vsk::platform::VideoOptions video_options;
    video_options.mode = o.headless ? vsk::platform::VideoMode::kHeadless
                                    : (o.windowed ? vsk::platform::VideoMode::kWindowed : vsk::platform::VideoMode::kFullscreen);
    video_options.width = o.width;
    video_options.height = o.height;
    vsk::platform::parse_renderer_choice(o.renderer, &video_options.renderer);  // checked by the option parser
    vsk::platform::SdlVideo video(video_options);
    // For the township's heartbeat: uptime, screen, crashes (a run that is not ended by the
    // guard below, i.e. killed, is counted as one at the next start), the devices' state.
    struct RuntimeGuard {
      std::string dir;
      ~RuntimeGuard() { vsk::app::end_kiosk_runtime(dir); }
    };
    std::optional<RuntimeGuard> runtime_guard;
    if (!o.measure_startup) {
      int screen_w = 0, screen_h = 0;
      video.output_size(&screen_w, &screen_h);
      vsk::app::start_kiosk_runtime(data_dir, system_clock.unix_seconds(),
                                    std::to_string(screen_w) + "x" + std::to_string(screen_h));
      runtime_guard.emplace(RuntimeGuard{data_dir});
      hardware.on_change([&data_dir](vsk::platform::PrinterState p, vsk::platform::CardReadStatus r, bool reader_on) {
        vsk::app::update_kiosk_hardware(data_dir, vsk::app::printer_state_code(p), vsk::app::reader_state_code(r, reader_on));
      });
      hardware.start();  // asks the printer once now, then every few minutes
    }
    vsk::platform::SdlChime chime;
    // One audio device for chime and speech (some drivers open only one); none: silent, no failure.
    vsk::platform::SdlSpeaker speaker(chime.device());
    // Pinyin dictionaries are compiled into DATA_DIR/rime on the first start, on Rime's own
    // thread; the keyboard shows "preparing" until then.
    vsk::platform::RimePinyin pinyin(data_dir + "/rime");
    // A backup when the newest is a day old: on the first idle tick, then daily while running.
    vsk::app::BackupService backups(data_dir, clock);
    backups.set_min_free_bytes(static_cast<std::uint64_t>(store.settings().get_int_or(
                                   vsk::store::setting::kMinFreeMb, vsk::app::kDefaultMinFreeMb)) *
                               1024 * 1024);
    // Notice pictures live beside the database; the same free-space floor as the backups.
    vsk::app::NoticePolicy notice_policy;
    notice_policy.image_dir = data_dir + "/notice-images";
    notice_policy.min_free_bytes = backups.min_free_bytes();
    vsk::app::NoticeService notices(store, clock, notice_policy);
    // Sync with the township in the background once this kiosk is enrolled (kioskctl enroll,
    // or 连接乡镇 on screen, which starts it then). A kiosk enrolled by USB stick has no
    // township address: it exchanges bundles only.
    std::optional<vsk::sync::KioskSyncPort> sync_port;
    if (!o.measure_startup && o.idle_seconds == 0) {
      sync_port.emplace(data_dir, assets);
      sync_port->start_if_enrolled();
    }
    // USB stick work for a village with no link (同步状态: 通过U盘连接乡镇, 导出/导入U盘数据).
    vsk::sync::UsbExchange usb(data_dir, assets, o.usb_dir);
    vsk::app::AppServices services{store, clock, hasher, requests, &printer, &chime,
                                   o.measure_startup ? nullptr : &backups};
    services.usb = &usb;
    services.points = &points;
    services.sync = sync_port ? &*sync_port : nullptr;
    services.notices = &notices;
    services.speaker = &speaker;
    services.pinyin = &pinyin;
    services.hardware = &hardware;
    services.cards = cards ? &*cards : nullptr;
    services.translations = &tr;
    // The attract screen's red board: the village's top households, names masked (张*明).
    services.red_board = [&store] {
      std::vector<vsk::app::BoardRow> rows;
      for (const auto& r : store.points().board(std::nullopt, 10, false))
        rows.push_back({r.rank, vsk::core::mask_name(r.head_name) + "（" + r.grid_name + "）", r.earned_points});
      return rows;
    };
    vsk::app::KioskApp app(services, app_options);

    vsk::ui::Shell shell(app, tr, catalog, video, font,
                         store.residents().display_text_sample() + app.state().village_name + catalog_text(catalog) +
                             vsk::app::points_display_text(points_rules, store));
    shell.images().set_assets_dir(assets);  // goods pictures
    shell.set_dpi(static_cast<float>(o.dpi > 0 ? o.dpi : store.settings().get_int_or(vsk::store::setting::kDpi, 96)));

    if (o.measure_startup) {
      shell.render_frame();
      shell.present();
      const double ms = std::chrono::duration<double, std::milli>(Steady::now() - started).count();
      std::printf("first_frame_ms=%.1f peak_rss_mib=%.1f atlas=%dx%d glyphs=%zu atlas_build_ms=%.1f renderer=%s\n", ms,
                  peak_rss_kib() / 1024.0, shell.fonts().atlas_width(), shell.fonts().atlas_height(),
                  shell.fonts().glyph_count(), shell.stats().last_atlas_build_ms,
                  video.renderer().name().c_str());
      // Large mode rebuilds the one atlas at the bigger size (the normal one is dropped).
      app.dispatch(vsk::app::ToggleLargeMode{});
      shell.render_frame();
      std::printf("large_mode atlas=%dx%d atlas_build_ms=%.1f body_px=%.0f peak_rss_mib=%.1f\n",
                  shell.fonts().atlas_width(), shell.fonts().atlas_height(), shell.stats().last_atlas_build_ms,
                  shell.fonts().body_px(), peak_rss_kib() / 1024.0);
      return 0;
    }
    if (scripted) {
      // Scripts type pinyin right away: let the first-start dictionary deploy finish first
      // (a resident meets the "preparing" line instead, for about half a second).
      pinyin.wait_ready(std::chrono::seconds(60));
      std::ifstream in(o.script);
      if (!in) return fail("cannot read script " + o.script);
      std::stringstream text;
      text << in.rdbuf();
      const vsk::ui::ScriptParse parse = vsk::ui::parse_script(text.str());
      if (!parse.error.empty()) return fail(o.script + ": " + parse.error);
      const std::string error =
          vsk::ui::run_script(shell, parse.steps, [&](long long ms) { script_clock.advance_ms(ms); });
      if (!error.empty()) return fail(o.script + ": " + error);
      std::cout << "script passed: " << parse.steps.size() << " steps, " << shell.stats().frames << " frames\n";
      return 0;
    }
    if (o.idle_seconds > 0) {
      const double cpu0 = cpu_seconds();
      const std::int64_t frames0 = shell.stats().frames;
      shell.run(o.idle_seconds * 1000LL);
      const double cpu = cpu_seconds() - cpu0;
      std::printf("idle_seconds=%d cpu_seconds=%.3f cpu_percent=%.2f frames=%lld\n", o.idle_seconds, cpu,
                  100.0 * cpu / o.idle_seconds, static_cast<long long>(shell.stats().frames - frames0));
      return 0;
    }
    shell.render_frame();  // the first frame is up: tell systemd (Type=notify) we are ready
    shell.present();
    vsk::platform::notify_ready();
    std::signal(SIGTERM, on_stop_signal);
    std::signal(SIGINT, on_stop_signal);
    shell.allow_window_close(o.windowed);
    shell.run(0, &g_stop);
    return 0;
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}
