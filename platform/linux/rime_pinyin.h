// Pinyin input with librime and Debian's Rime data (rime-data-luna-pinyin), schema
// luna_pinyin_simp (simplified characters). The shared data is read-only in
// /usr/share/rime-data; Rime compiles what it needs into a writable user dir (DATA_DIR/rime)
// once. That first deploy runs on Rime's own maintenance thread; ready() is false until it
// has finished, and later starts find the compiled files and are ready at once.
//
// Kiosk choices, written as Rime patch files in the user dir:
// - only luna_pinyin_simp is deployed (all of Debian's schemas: ~7 s; this one: ~0.5 s);
// - the user dictionary is off: a public kiosk must not learn (and later suggest) what one
//   resident typed to the next.
// librime is process-global: one RimePinyin per process.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "platform/pinyin.h"

namespace vsk::platform {

class RimePinyin final : public PinyinEngine {
 public:
  static constexpr const char* kSharedDataDir = "/usr/share/rime-data";
  explicit RimePinyin(const std::string& user_dir, const std::string& shared_dir = kSharedDataDir);
  ~RimePinyin() override;
  RimePinyin(const RimePinyin&) = delete;
  RimePinyin& operator=(const RimePinyin&) = delete;

  bool ready() override;
  void key(char letter) override;
  void backspace() override;
  std::string select(int index_on_page) override;
  void page(int direction) override;
  void reset() override;
  PinyinMenu menu() override;

  // Blocks until ready() (tests, benchmarks); false on timeout.
  bool wait_ready(std::chrono::milliseconds timeout);
  // How long the deploy took when this start had to deploy (ms), -1 while still running.
  double deploy_ms() const { return deploy_ms_; }
  bool deployed_now() const { return deployed_now_; }

 private:
  std::string take_commit();

  std::uintptr_t session_ = 0;
  bool failed_ = false;
  bool deployed_now_ = false;
  double deploy_ms_ = -1;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace vsk::platform
