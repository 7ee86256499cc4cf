// The resident ID card reader (居民身份证阅读器). The app polls it from a background thread while
// an identify step is on screen; a result goes back to the UI thread as state. Readers never
// throw out of read(): a reader that is missing, unplugged or talking nonsense is a status with
// a message for the log, and the keypad keeps working.
#pragma once

#include <string>

namespace vsk::platform {

// The base message of a second-generation card (二代身份证), decoded to UTF-8 with the padding
// removed. The photo is not read: its format needs a vendor library.
struct IdCard {
  std::string name;
  std::string sex;         // 男 / 女 / 未知 / 未说明 (GB/T 2261.1)
  std::string nation;      // 汉, 蒙古, ... (GB/T 3304), or the raw code if unknown
  std::string birth;       // YYYYMMDD
  std::string address;     // never stored by the kiosk
  std::string id_number;   // 18 characters, last may be X
  std::string issuer;      // 签发机关
  std::string valid_from;  // YYYYMMDD
  std::string valid_to;    // YYYYMMDD, or 长期 for cards without an end date
};

enum class CardReadStatus {
  kCard,         // `card` is filled
  kNoCard,       // the reader answered: nothing on it
  kNoReader,     // no device, or it vanished (unplugged) during the exchange
  kReaderError,  // the device answered garbage, a truncated frame, a bad checksum or an error code
};

struct CardRead {
  CardReadStatus status = CardReadStatus::kNoReader;
  IdCard card;        // only with kCard
  std::string error;  // English, for the log and the hardware check; empty with kCard / kNoCard
};

class IdCardReader {
 public:
  virtual ~IdCardReader() = default;
  // One find / select / read cycle. Blocks for at most the reader's timeouts (about a second).
  virtual CardRead read() = 0;
  // The device in use or last tried, for logs and `kioskctl hardware check`.
  virtual std::string device() const = 0;
};

const char* to_string(CardReadStatus s);

}  // namespace vsk::platform
