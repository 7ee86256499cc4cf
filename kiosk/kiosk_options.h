// Command-line options of the `kiosk` binary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace vsk {

struct KioskOptions {
  std::string data_dir;      // empty: the default data directory
  std::string assets_dir;    // empty: the default assets directory
  std::string font;          // empty: the first Debian CJK font found
  std::string lang = "zh-CN";
  bool windowed = false;
  bool headless = false;
  std::string script;        // headless: run this script, exit 0 if every step passed
  int width = 1920;
  int height = 1080;
  int idle_timeout_s = 0;    // 0: the village setting (default 60 s)
  bool measure_startup = false;  // print time to first frame and peak memory, then exit
  int idle_seconds = 0;      // run the real loop untouched for N seconds, print CPU used, exit
  std::int64_t fake_now = 0;  // with --script: the simulated clock starts here (unix seconds)
  bool help = false;
  int dpi = 0;                // 0: the village setting kiosk.dpi (default 96)
  std::string renderer = "auto";  // auto | software | gpu (see platform/sdl/sdl_video.h)
  std::string usb_dir;       // the USB stick's folder; empty: a stick mounted under /media or /run/media
};

struct ParsedOptions {
  KioskOptions options;
  std::string error;  // empty when the command line was fine
};

ParsedOptions parse_kiosk_options(int argc, const char* const* argv);
const char* kiosk_usage();

}  // namespace vsk
