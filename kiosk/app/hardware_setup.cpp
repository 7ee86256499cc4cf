#include "app/hardware_setup.h"

#include <sstream>

#include "linux/gat467_reader.h"

namespace vsk::app {

PrinterChoice printer_choice(store::SettingsStore& settings) {
  PrinterChoice c;
  c.device = settings.get_or(store::setting::kPrinterDevice, "");
  c.mode = settings.get_or(store::setting::kPrinterMode, "text") == "raster" ? "raster" : "text";
  return c;
}

std::unique_ptr<platform::Printer> make_receipt_printer(const PrinterChoice& c, const std::string& data_dir,
                                                        const std::string& font_path) {
  if (c.device.empty()) return std::make_unique<platform::PngReceiptPrinter>(data_dir + "/receipts", font_path);
  platform::EscPosOptions o;
  o.device_path = c.device;
  o.mode = c.mode == "raster" ? platform::EscPosMode::kRaster : platform::EscPosMode::kText;
  o.font_path = font_path;
  return std::make_unique<platform::EscPosPrinter>(o);
}

std::vector<std::string> reader_devices(store::SettingsStore& settings) {
  const std::string v = settings.get_or(store::setting::kCardReaderDevices, "/dev/ttyUSB* /dev/ttyACM*");
  if (v == "off") return {};
  std::vector<std::string> out;
  std::istringstream words(v);
  for (std::string w; words >> w;) out.push_back(w);
  return out;
}

core::CardPolicy card_policy(store::SettingsStore& settings, std::string_view function) {
  const std::string v = settings.get_or("card.policy." + std::string(function), "");
  if (v.empty()) return core::default_card_policy(function);
  return core::parse_card_policy(v).value_or(core::CardPolicy::kCardAndPin);
}

std::unique_ptr<platform::IdCardReader> make_card_reader(const std::vector<std::string>& devices) {
  if (devices.empty()) return nullptr;
  platform::Gat467Options o;
  o.devices = devices;
  return std::make_unique<platform::Gat467Reader>(o);
}

}  // namespace vsk::app
