#include "linux/rime_pinyin.h"

#include <rime_api.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

namespace vsk::platform {
namespace {

constexpr const char* kSchema = "luna_pinyin_simp";
constexpr int kPageSize = 6;
constexpr int kBackSpace = 0xff08;  // X11 keysyms, as Rime expects
constexpr int kPageUp = 0xff55;
constexpr int kPageDown = 0xff56;

RimeApi* api() { return rime_get_api(); }

void write_if_changed(const std::filesystem::path& p, const std::string& text) {
  std::ifstream in(p);
  const std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (old == text) return;  // an unchanged file keeps Rime's compiled data valid
  std::ofstream(p) << text;
}

}  // namespace

RimePinyin::RimePinyin(const std::string& user_dir, const std::string& shared_dir) : started_(std::chrono::steady_clock::now()) {
  std::error_code ec;
  std::filesystem::create_directories(user_dir, ec);
  write_if_changed(std::filesystem::path(user_dir) / "default.custom.yaml",
                   "# Written by the kiosk: one schema, bigger pages.\npatch:\n  schema_list:\n    - schema: " +
                       std::string(kSchema) + "\n  menu/page_size: " + std::to_string(kPageSize) + "\n");
  write_if_changed(std::filesystem::path(user_dir) / (std::string(kSchema) + ".custom.yaml"),
                   "# Written by the kiosk: a public kiosk learns nothing from what residents type.\n"
                   "patch:\n  translator/enable_user_dict: false\n");
  RIME_STRUCT(RimeTraits, traits);
  traits.shared_data_dir = shared_dir.c_str();
  traits.user_data_dir = user_dir.c_str();
  traits.distribution_name = "Village Service Kiosk";
  traits.distribution_code_name = "vsk";
  traits.distribution_version = "0.1";
  traits.app_name = "rime.vsk";
  traits.min_log_level = 2;  // errors only
  api()->setup(&traits);
  api()->initialize(&traits);
  // Starts Rime's maintenance thread when something needs compiling; returns at once.
  deployed_now_ = api()->start_maintenance(False) == True;
}

RimePinyin::~RimePinyin() {
  if (api()->is_maintenance_mode()) api()->join_maintenance_thread();
  if (session_) api()->destroy_session(session_);
  api()->finalize();
}

bool RimePinyin::ready() {
  if (session_) return true;
  if (failed_ || api()->is_maintenance_mode()) return false;
  deploy_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
  session_ = api()->create_session();
  if (!session_ || !api()->select_schema(session_, kSchema)) {
    std::fprintf(stderr, "kiosk: pinyin input unavailable: Rime schema %s missing (install rime-data-luna-pinyin)\n",
                 kSchema);
    failed_ = true;
    session_ = 0;
    return false;
  }
  return true;
}

bool RimePinyin::wait_ready(std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!ready()) {
    if (failed_ || std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

void RimePinyin::key(char letter) {
  if (!ready() || letter < 'a' || letter > 'z') return;
  api()->process_key(session_, letter, 0);
}

void RimePinyin::backspace() {
  if (ready()) api()->process_key(session_, kBackSpace, 0);
}

std::string RimePinyin::take_commit() {
  RIME_STRUCT(RimeCommit, commit);
  std::string out;
  if (api()->get_commit(session_, &commit)) {
    if (commit.text) out = commit.text;
    api()->free_commit(&commit);
  }
  return out;
}

std::string RimePinyin::select(int index_on_page) {
  if (!ready() || index_on_page < 0) return "";
  api()->select_candidate_on_current_page(session_, static_cast<size_t>(index_on_page));
  return take_commit();
}

void RimePinyin::page(int direction) {
  if (ready()) api()->process_key(session_, direction > 0 ? kPageDown : kPageUp, 0);
}

void RimePinyin::reset() {
  if (ready()) api()->clear_composition(session_);
}

PinyinMenu RimePinyin::menu() {
  PinyinMenu m;
  if (!ready()) return m;
  RIME_STRUCT(RimeContext, ctx);
  if (!api()->get_context(session_, &ctx)) return m;
  if (ctx.composition.preedit) m.preedit = ctx.composition.preedit;
  for (int i = 0; i < ctx.menu.num_candidates; ++i) m.candidates.emplace_back(ctx.menu.candidates[i].text);
  m.page = ctx.menu.page_no;
  m.last_page = ctx.menu.is_last_page;
  api()->free_context(&ctx);
  return m;
}

}  // namespace vsk::platform
