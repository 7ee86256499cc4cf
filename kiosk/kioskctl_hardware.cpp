#include "kioskctl_hardware.h"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/bootstrap.h"
#include "app/hardware_monitor.h"
#include "app/hardware_setup.h"
#include "core/id_card.h"
#include "core/id_number.h"
#include "linux/gat467_reader.h"
#include "platform/clock.h"
#include "platform/pin_hasher.h"

namespace vsk::ctl {

const char* const kHardwareUsage =
    "  hardware check [--json]   find the ID card reader, receipt printer and sound device; exit 1 if one\n"
    "                            that is configured does not work\n"
    "  hardware set-printer DEVICE [--raster] | png   ESC/POS printer (e.g. /dev/usb/lp0); --raster for\n"
    "                            printers without a Chinese font; png: receipts as files in DATA_DIR/receipts\n"
    "  hardware set-reader PATH... | auto | off   where the ID card reader is (auto: /dev/ttyUSB* /dev/ttyACM*)\n"
    "  hardware set-card-policy points|requests|my_requests|notice_opinion off|card_pin|card\n"
    "                            what the ID card does at that identify step (default card_pin: fills the\n"
    "                            number, the PIN is still asked; card: the card alone)\n";

namespace {

using nlohmann::json;

// Who may open a device, in words an installer can act on.
std::string access_hint(const std::string& path) {
  if (::access(path.c_str(), R_OK | W_OK) == 0) return "";
  return "no read/write permission on " + path + " for this user (add it to the 'dialout' group for readers, 'lp' for printers; see README)";
}

json check_reader(store::SettingsStore& settings) {
  json j;
  const std::vector<std::string> patterns = app::reader_devices(settings);
  j["configured"] = patterns;
  if (patterns.empty()) {
    j["state"] = "not_configured";
    return j;
  }
  j["candidates"] = platform::expand_device_patterns(patterns);
  for (const std::string& p : j["candidates"].get<std::vector<std::string>>())
    if (const std::string hint = access_hint(p); !hint.empty()) j["hints"].push_back(hint);
  const auto reader = app::make_card_reader(patterns);
  const platform::CardRead r = reader->read();
  j["state"] = app::reader_state_code(r.status, true);
  j["device"] = reader->device();
  if (!r.error.empty()) j["error"] = r.error;
  if (r.status == platform::CardReadStatus::kCard) {
    // Proof the whole read works, without printing who it was.
    j["card"] = {{"name", core::mask_name(r.card.name)}, {"id_number", core::mask_id_number(r.card.id_number)},
                 {"valid_to", r.card.valid_to}};
  }
  return j;
}

json check_printer(store::SettingsStore& settings, const std::string& data_dir) {
  json j;
  const app::PrinterChoice c = app::printer_choice(settings);
  j["device"] = c.device.empty() ? "png" : c.device;
  j["mode"] = c.device.empty() ? "png" : c.mode;
  if (c.device.empty()) {
    j["state"] = "not_configured";
    j["receipts_dir"] = data_dir + "/receipts";
  } else {
    const auto printer = app::make_receipt_printer(c, data_dir, "");
    const platform::PrinterStatus st = printer->status();
    j["state"] = app::printer_state_code(st.state);
    j["detail"] = st.detail;
    if (const std::string hint = access_hint(c.device); !hint.empty()) j["hints"].push_back(hint);
  }
  std::vector<std::string> found = platform::expand_device_patterns({"/dev/usb/lp*"});
  j["usb_printers_found"] = found;
  return j;
}

// The sound cards ALSA knows (/proc/asound/cards), without opening one: the kiosk may be
// playing on it.
json check_sound() {
  json j;
  std::ifstream in("/proc/asound/cards");
  std::vector<std::string> cards;
  for (std::string line; std::getline(in, line);) {
    const auto colon = line.find(" - ");
    if (!line.empty() && line[0] != ' ' && colon != std::string::npos) cards.push_back(line.substr(colon + 3));
  }
  j["cards"] = cards;
  j["state"] = cards.empty() ? "none" : "ready";
  if (!platform::expand_device_patterns({"/dev/snd/pcmC*p"}).empty())
    if (const std::string hint = access_hint(platform::expand_device_patterns({"/dev/snd/pcmC*p"}).front()); !hint.empty())
      j["hints"].push_back(hint + " (the 'audio' group)");
  return j;
}

void print_part(const char* what, const json& j) {
  std::cout << what << ": " << j.value("state", "?");
  if (j.contains("device")) std::cout << " (" << j["device"].get<std::string>() << ")";
  std::cout << "\n";
  if (j.contains("error")) std::cout << "  error: " << j["error"].get<std::string>() << "\n";
  if (j.contains("detail") && !j["detail"].get<std::string>().empty()) std::cout << "  " << j["detail"].get<std::string>() << "\n";
  if (j.contains("card"))
    std::cout << "  card on the reader: " << j["card"]["name"].get<std::string>() << " " << j["card"]["id_number"].get<std::string>()
              << ", valid to " << j["card"]["valid_to"].get<std::string>() << "\n";
  if (j.contains("cards"))
    for (const auto& c : j["cards"]) std::cout << "  " << c.get<std::string>() << "\n";
  if (j.contains("hints"))
    for (const auto& h : j["hints"]) std::cout << "  hint: " << h.get<std::string>() << "\n";
}

int cmd_check(const std::string& data_dir, bool as_json) {
  platform::SodiumPinHasher hasher;
  auto village = app::open_village(data_dir, hasher, false);
  json out;
  out["reader"] = check_reader(village.store->settings());
  out["printer"] = check_printer(village.store->settings(), data_dir);
  out["sound"] = check_sound();
  if (as_json) {
    std::cout << out.dump(2) << "\n";
  } else {
    print_part("ID card reader", out["reader"]);
    print_part("receipt printer", out["printer"]);
    print_part("sound", out["sound"]);
  }
  // A configured device that does not answer is what the installer must fix; an empty reader
  // or a printer low on paper is fine.
  const std::string reader = out["reader"]["state"], printer = out["printer"]["state"];
  const bool reader_ok = reader == "ready" || reader == "not_configured";
  const bool printer_ok = printer == "ready" || printer == "paper_near_end" || printer == "not_configured" || printer == "unknown";
  return reader_ok && printer_ok ? 0 : 1;
}

int set_setting(const std::string& data_dir, const std::vector<std::pair<std::string, std::string>>& values, const std::string& what) {
  platform::SodiumPinHasher hasher;
  auto village = app::open_village(data_dir, hasher, false);
  auto tx = village.store->begin();
  for (const auto& [k, v] : values) {
    if (v.empty()) village.store->settings().remove(tx, k);
    else village.store->settings().set(tx, k, v);
  }
  village.store->audit().append(tx, {platform::SystemClock().unix_seconds(), std::nullopt, "kioskctl", "hardware.set", what, ""});
  tx.commit();
  std::cout << what << " (takes effect when the kiosk restarts)\n";
  return 0;
}

}  // namespace

std::optional<int> run_hardware_command(const std::string& data_dir, const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "hardware") return std::nullopt;
  if (args.size() == 2 && args[1] == "check") return cmd_check(data_dir, false);
  if (args.size() == 3 && args[1] == "check" && args[2] == "--json") return cmd_check(data_dir, true);
  if (args.size() >= 3 && args[1] == "set-printer") {
    if (args[2] == "png" && args.size() == 3)
      return set_setting(data_dir, {{store::setting::kPrinterDevice, ""}, {store::setting::kPrinterMode, ""}}, "printer: PNG files");
    const bool raster = args.size() == 4 && args[3] == "--raster";
    if (args.size() == 3 || raster)
      return set_setting(data_dir, {{store::setting::kPrinterDevice, args[2]}, {store::setting::kPrinterMode, raster ? "raster" : "text"}},
                         "printer: " + args[2] + (raster ? " (raster)" : " (text)"));
  }
  if (args.size() >= 3 && args[1] == "set-reader") {
    if (args.size() == 3 && args[2] == "auto") return set_setting(data_dir, {{store::setting::kCardReaderDevices, ""}}, "reader: auto");
    std::string joined;
    for (std::size_t i = 2; i < args.size(); ++i) joined += (joined.empty() ? "" : " ") + args[i];
    return set_setting(data_dir, {{store::setting::kCardReaderDevices, joined}}, "reader: " + joined);
  }
  if (args.size() == 4 && args[1] == "set-card-policy") {
    const bool known_function = args[2] == "points" || args[2] == "requests" || args[2] == "my_requests" || args[2] == "notice_opinion";
    if (known_function && core::parse_card_policy(args[3]))
      return set_setting(data_dir, {{"card.policy." + args[2], args[3]}}, "card policy for " + args[2] + ": " + args[3]);
  }
  std::cerr << "kioskctl: hardware needs check [--json] | set-printer DEVICE [--raster] | png | set-reader PATH...|auto|off | set-card-policy FUNCTION off|card_pin|card\n";
  return 2;
}

}  // namespace vsk::ctl
