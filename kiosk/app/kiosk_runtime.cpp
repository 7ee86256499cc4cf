#include "app/kiosk_runtime.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

namespace vsk::app {

namespace {

using nlohmann::json;
std::mutex g_mu;  // the monitor thread and the UI thread both update the file

std::string run_dir(const std::string& data_dir) { return data_dir + "/run"; }

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Temp file and rename: a reader never sees half a file. Not fsynced: this is a hint for
// reports, and after a power cut a missing file only means one crash is not counted.
void write_text(const std::string& path, const std::string& text) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out) return;
  }
  std::filesystem::rename(tmp, path, ec);
}

std::int64_t read_count(const std::string& path) {
  try {
    return std::stoll(read_text(path));
  } catch (const std::exception&) {
    return 0;
  }
}

void write_runtime(const std::string& data_dir, const KioskRuntime& r) {
  write_text(run_dir(data_dir) + "/kiosk.json", json{{"started_at", r.started_at},
                                                     {"screen", r.screen},
                                                     {"printer", r.printer},
                                                     {"reader", r.reader},
                                                     {"clean", r.clean}}
                                                    .dump());
}

}  // namespace

std::optional<KioskRuntime> read_kiosk_runtime(const std::string& data_dir) {
  const json j = json::parse(read_text(run_dir(data_dir) + "/kiosk.json"), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  KioskRuntime r;
  r.started_at = j.value("started_at", std::int64_t{0});
  r.screen = j.value("screen", "");
  r.printer = j.value("printer", "unknown");
  r.reader = j.value("reader", "unknown");
  r.clean = j.value("clean", false);
  return r;
}

void start_kiosk_runtime(const std::string& data_dir, std::int64_t now, const std::string& screen) {
  std::lock_guard lock(g_mu);
  if (const auto prev = read_kiosk_runtime(data_dir); prev && !prev->clean)
    write_text(run_dir(data_dir) + "/crashes", std::to_string(read_count(run_dir(data_dir) + "/crashes") + 1));
  KioskRuntime r;
  r.started_at = now;
  r.screen = screen;
  write_runtime(data_dir, r);
}

void update_kiosk_hardware(const std::string& data_dir, const std::string& printer, const std::string& reader) {
  std::lock_guard lock(g_mu);
  auto r = read_kiosk_runtime(data_dir);
  if (!r || (r->printer == printer && r->reader == reader)) return;
  r->printer = printer;
  r->reader = reader;
  write_runtime(data_dir, *r);
}

void end_kiosk_runtime(const std::string& data_dir) {
  std::lock_guard lock(g_mu);
  auto r = read_kiosk_runtime(data_dir);
  if (!r) return;
  r->clean = true;
  write_runtime(data_dir, *r);
}

std::int64_t unreported_crashes(const std::string& data_dir) {
  const std::int64_t n = read_count(run_dir(data_dir) + "/crashes") - read_count(run_dir(data_dir) + "/crashes_reported");
  return n > 0 ? n : 0;
}

void mark_crashes_reported(const std::string& data_dir, std::int64_t n) {
  std::lock_guard lock(g_mu);
  write_text(run_dir(data_dir) + "/crashes_reported",
             std::to_string(read_count(run_dir(data_dir) + "/crashes_reported") + n));
}

}  // namespace vsk::app
