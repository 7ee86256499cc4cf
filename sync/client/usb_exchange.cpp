#include "sync/client/usb_exchange.h"

#include <cerrno>
#include <filesystem>

#include "log/log.h"
#include "store/settings_store.h"
#include "sync/client/kiosk_sync.h"
#include "sync/client/transport.h"
#include "sync/client/usb_stick.h"
#include "sync/protocol/bundle.h"
#include "sync/protocol/enroll_bundle.h"
#include "sync/protocol/envelope.h"

namespace vsk::sync {
namespace {

using app::UsbJob;
using app::UsbProgress;

std::string write_error_code(int error_number) {
  if (error_number == ENOSPC || error_number == EDQUOT) return "usb.full";
  if (error_number == EROFS || error_number == EACCES || error_number == EPERM) return "usb.read_only";
  if (error_number == ENOENT || error_number == ENODEV || error_number == ENXIO) return "usb.no_stick";
  return "usb.io";
}

// Who a township bundle on the stick is for: the recipient of its first envelope, or "" for
// anything else (this kiosk's own bundle, another program's file).
std::string bundle_recipient(std::string_view bytes) {
  if (bytes.rfind(kBundleMagic, 0) != 0) return "";
  EnvelopeError err{};
  const auto env = parse_envelope(bytes.substr(kBundleMagic.size()), &err);
  return env && env->header.from == "township" ? env->header.to : "";
}

void fill(UsbProgress& p, const SyncReport& r) {
  p.ok = r.ok;
  if (!r.ok) p.error_code = r.error_code;
  p.sent += r.accepted + r.duplicates;
  p.received += r.pulled;
  p.history += r.history;
}

}  // namespace

UsbExchange::UsbExchange(std::string data_dir, std::string assets_dir, std::string stick_dir)
    : data_dir_(std::move(data_dir)), assets_dir_(std::move(assets_dir)), stick_dir_(std::move(stick_dir)) {}

UsbExchange::~UsbExchange() { wait(); }

void UsbExchange::wait() {
  if (worker_.joinable()) worker_.join();
}

bool UsbExchange::start(UsbJob job, const std::string& code, const std::string& server_url) {
  {
    std::lock_guard lock(mu_);
    if (state_.running) return false;
    state_ = UsbProgress{};
    state_.job = job;
    state_.running = true;
  }
  wait();  // the previous job's thread has ended (running was false): reap it
  worker_ = std::thread([this, job, code, server_url] { run(job, code, server_url); });
  return true;
}

UsbProgress UsbExchange::progress() const {
  std::lock_guard lock(mu_);
  return state_;
}

void UsbExchange::report(int done, int total) {
  std::lock_guard lock(mu_);
  state_.done = done;
  state_.total = total;
}

void UsbExchange::run(UsbJob job, std::string code, std::string server_url) {
  UsbProgress out;
  try {
    out = job == UsbJob::kEnrollNetwork ? enroll_network(code, server_url) : work(job, code);
  } catch (const std::exception& e) {
    platform::log::error("sync", std::string("usb: ") + e.what());
    out.ok = false;
    out.error_code = "internal";
  }
  if (!out.ok) platform::log::warning("sync", "usb job failed: " + out.error_code);
  std::lock_guard lock(mu_);
  out.job = job;
  out.running = false;
  out.finished = true;
  out.done = state_.done;
  out.total = state_.total;
  state_ = out;
}

// As `kioskctl enroll --server URL --code CODE`; `file` carries the village enrolled as.
UsbProgress UsbExchange::enroll_network(const std::string& code, const std::string& server_url) {
  UsbProgress p;
  auto k = open_kiosk_sync(data_dir_, assets_dir_);
  auto transport = make_curl_transport(server_url, CurlOptions{});
  const SyncReport r = k->client->enroll(*transport, server_url, code, "", false);
  p.ok = r.ok;
  if (!r.ok) {
    p.error_code = r.error_code;
    return p;
  }
  p.file = k->client->health().village;
  platform::log::info("sync", "enrolled on screen with " + server_url + " as " + k->client->health().device_id);
  return p;
}

UsbProgress UsbExchange::work(UsbJob job, const std::string& code) {
  UsbProgress p;
  const auto stick = find_usb_stick(stick_dir_);
  if (!stick) {
    p.error_code = "usb.no_stick";
    return p;
  }
  p.stick = *stick;
  auto k = open_kiosk_sync(data_dir_, assets_dir_);
  k->client->set_progress([this](int done, int total) { report(done, total); });
  const std::string kiosk_code = k->store().settings().get_or(store::setting::kKioskCode, "kiosk");
  auto write = [&](const std::string& name, const std::string& bytes) {
    p.file = name;
    std::string error;
    int error_number = 0;
    if (write_file_atomic(*stick + "/" + name, bytes, &error, &error_number)) {
      p.ok = true;
      return;
    }
    platform::log::warning("sync", "usb: " + error);
    p.error_code = write_error_code(error_number);
  };
  if (job == UsbJob::kEnrollRequest) {
    SyncReport r;
    const auto bytes = k->client->usb_enroll_request(code, "", r);
    if (!bytes) {
      p.error_code = r.error_code;
      return p;
    }
    write(kiosk_code + "-enroll.vsk", *bytes);
    return p;
  }
  if (job == UsbJob::kExport) {
    std::string error;
    const auto bytes = k->client->export_bundle(&error);
    if (!bytes) {
      p.error_code = "not_enrolled";
      return p;
    }
    write(kiosk_code + "-to-township.vsk", *bytes);
    if (p.ok) p.sent = static_cast<int>(k->client->health().pending);
    return p;
  }
  // Reading: every file the township wrote for this kiosk, oldest first (a file read before
  // changes nothing); a reply for another kiosk is said so when there is none for this one.
  const std::string me = k->client->health().device_id;
  std::vector<std::string> mine;
  std::string first_refusal;
  const auto files = bundle_files(*stick);
  for (auto it = files.rbegin(); it != files.rend(); ++it) {
    std::string error;
    const auto bytes = read_file(*it, kMaxBundleBytes, &error);
    if (!bytes) continue;
    const bool enroll_reply = bytes->rfind(kEnrollReplyMagic, 0) == 0;
    const std::string to = bundle_recipient(*bytes);
    if (job == UsbJob::kEnrollReply ? !enroll_reply : (to.empty() && !enroll_reply)) continue;
    if (job == UsbJob::kImport && !enroll_reply && to != me) {
      if (first_refusal.empty()) first_refusal = "wrong_kiosk";
      continue;
    }
    const SyncReport r = k->client->import_bundle(*bytes);
    if (!r.ok) {
      // An enrollment reply for another kiosk, or an old one: try the others first.
      if (first_refusal.empty()) first_refusal = r.error_code;
      continue;
    }
    mine.push_back(std::filesystem::path(*it).filename().string());
    fill(p, r);
  }
  if (mine.empty()) {
    p.ok = false;
    p.error_code = first_refusal.empty() ? "usb.no_reply" : first_refusal;
    return p;
  }
  p.ok = true;
  p.error_code.clear();
  p.file = mine.back();
  return p;
}

}  // namespace vsk::sync
