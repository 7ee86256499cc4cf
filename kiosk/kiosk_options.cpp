#include "kiosk_options.h"

#include "core/date.h"

#include <charconv>
#include <cstring>
#include <string_view>

namespace vsk {
namespace {

bool parse_int(std::string_view s, int* out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool parse_size(std::string_view s, int* w, int* h) {
  const size_t x = s.find('x');
  return x != std::string_view::npos && parse_int(s.substr(0, x), w) && parse_int(s.substr(x + 1), h) && *w >= 320 &&
         *h >= 240;
}

// "2026-11-23T10:00" in China time (UTC+8) -> unix seconds.
bool parse_china_time(std::string_view s, std::int64_t* out) {
  if (s.size() != 16 || s[10] != 'T' || s[13] != ':') return false;
  const auto date = core::parse_date(s.substr(0, 10));
  int hh = 0, mm = 0;
  if (!date || !parse_int(s.substr(11, 2), &hh) || !parse_int(s.substr(14, 2), &mm) || hh > 23 || mm > 59) return false;
  *out = core::china_unix(*date, hh, mm);
  return true;
}

}  // namespace

const char* kiosk_usage() {
  return "Usage: kiosk [options]\n"
         "  --data-dir DIR        where the village database lives (default ~/.local/share/village-kiosk)\n"
         "  --windowed            a window instead of fullscreen (development)\n"
         "  --lang zh-CN|en       interface language (default zh-CN)\n"
         "  --size WxH            window size for --windowed/--headless (default 1920x1080)\n"
         "  --idle-timeout SEC    seconds without a touch before the kiosk resets (default 60)\n"
         "  --assets-dir DIR      translations and catalogs (default: the source tree's assets/)\n"
         "  --font FILE           CJK font file (default: WenQuanYi Micro Hei or Noto Sans CJK)\n"
         "  --headless            render offscreen, no display needed\n"
         "  --script FILE         with --headless: run a UI script (tap/type/wait/expect/shot)\n"
         "  --fake-now YYYY-MM-DDTHH:MM  with --script: start the simulated clock there (China time)\n"
         "  --measure-startup     print time to first frame and peak memory, then exit\n"
         "  --idle-seconds N      run untouched for N seconds, print CPU time and frames, exit\n"
         "  --dpi N               the screen's pixels per inch, for large mode's millimetre sizes\n"
         "                        (default: the village setting kiosk.dpi, else 96)\n"
         "  --renderer auto|software|gpu  auto: SDL's GPU renderer where a GPU driver is present,\n"
         "                        else our software renderer; gpu forces SDL's (even on llvmpipe)\n"
         "  --usb-dir DIR         the USB stick's folder (default: a stick mounted under /media)\n"
         "  --help                this text\n";
}

ParsedOptions parse_kiosk_options(int argc, const char* const* argv) {
  ParsedOptions p;
  KioskOptions& o = p.options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        p.error = std::string(name) + " needs a value";
        return nullptr;
      }
      return argv[++i];
    };
    const char* v = nullptr;
    if (a == "--help" || a == "-h") {
      o.help = true;
    } else if (a == "--windowed") {
      o.windowed = true;
    } else if (a == "--headless") {
      o.headless = true;
    } else if (a == "--measure-startup") {
      o.measure_startup = true;
    } else if (a == "--data-dir") {
      if ((v = value("--data-dir"))) o.data_dir = v;
    } else if (a == "--assets-dir") {
      if ((v = value("--assets-dir"))) o.assets_dir = v;
    } else if (a == "--font") {
      if ((v = value("--font"))) o.font = v;
    } else if (a == "--script") {
      if ((v = value("--script"))) o.script = v;
    } else if (a == "--usb-dir") {
      if ((v = value("--usb-dir"))) o.usb_dir = v;
    } else if (a == "--lang") {
      if ((v = value("--lang"))) {
        o.lang = v;
        if (o.lang != "zh-CN" && o.lang != "en") p.error = "--lang must be zh-CN or en";
      }
    } else if (a == "--size") {
      if ((v = value("--size")) && !parse_size(v, &o.width, &o.height)) p.error = "--size must look like 1920x1080";
    } else if (a == "--idle-timeout") {
      if ((v = value("--idle-timeout")) && (!parse_int(v, &o.idle_timeout_s) || o.idle_timeout_s < 5))
        p.error = "--idle-timeout must be a number of seconds, at least 5";
    } else if (a == "--fake-now") {
      if ((v = value("--fake-now")) && !parse_china_time(v, &o.fake_now))
        p.error = "--fake-now must look like 2026-11-23T10:00";
    } else if (a == "--idle-seconds") {
      if ((v = value("--idle-seconds")) && (!parse_int(v, &o.idle_seconds) || o.idle_seconds < 1))
        p.error = "--idle-seconds must be a positive number";
    } else if (a == "--dpi") {
      if ((v = value("--dpi")) && (!parse_int(v, &o.dpi) || o.dpi < 50 || o.dpi > 600))
        p.error = "--dpi must be a number between 50 and 600";
    } else if (a == "--renderer") {
      if ((v = value("--renderer"))) {
        o.renderer = v;
        if (o.renderer != "auto" && o.renderer != "software" && o.renderer != "gpu")
          p.error = "--renderer must be auto, software or gpu";
      }
    } else {
      p.error = "unknown option " + std::string(a);
    }
    if (!p.error.empty()) return p;
  }
  if (!o.script.empty() && !o.headless) p.error = "--script needs --headless";
  if (o.fake_now != 0 && o.script.empty()) p.error = "--fake-now only works with --script";
  return p;
}

}  // namespace vsk
