// The kiosk's USB stick work behind app::UsbPort (issue 19): writing the enrollment request,
// reading the township's enrollment reply, exporting the village's bundle and importing the
// township's answer, each on a thread of its own with its own database connection (like the
// sync scheduler's; docs/writer-model.md), reporting progress per envelope. File names on
// the stick (the network enrollment typed on the same panel, 连接乡镇, runs here too: it
// needs no stick): KIOSKCODE-enroll.vsk and KIOSKCODE-to-township.vsk from the kiosk; the kiosk
// reads every .vsk file the township wrote for it, whatever its name.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "app/usb_port.h"

namespace vsk::sync {

class UsbExchange : public app::UsbPort {
 public:
  // `stick_dir`: kiosk --usb-dir, or "" to look for a mounted stick (usb_stick.h).
  UsbExchange(std::string data_dir, std::string assets_dir, std::string stick_dir);
  ~UsbExchange() override;

  bool start(app::UsbJob job, const std::string& code, const std::string& server_url = "") override;
  app::UsbProgress progress() const override;
  // Blocks until the running job (if any) ends; for tests and shutdown.
  void wait();

 private:
  void run(app::UsbJob job, std::string code, std::string server_url);
  app::UsbProgress work(app::UsbJob job, const std::string& code);
  app::UsbProgress enroll_network(const std::string& code, const std::string& server_url);
  void report(int done, int total);

  std::string data_dir_, assets_dir_, stick_dir_;
  mutable std::mutex mu_;
  app::UsbProgress state_;
  std::thread worker_;
};

}  // namespace vsk::sync
