#include "app/backup_check.h"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "files/atomic_file.h"
#include "sqlite/backup.h"
#include "store/audit_store.h"
#include "store/points_store.h"

namespace vsk::app {
namespace fs = std::filesystem;
namespace {

// BLAKE2b-256 of the file, lowercase hex; "" when it cannot be read.
std::string file_hash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, crypto_generichash_BYTES);
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(buf.data()), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return "";
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash_final(&st, out, sizeof out);
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

bool has_table(db::Database& db, const char* name) {
  auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  st.bind(1, std::string(name));
  return st.step();
}

}  // namespace

std::string backup_checksum_path(const std::string& backup_path) { return backup_path + ".b2"; }

void write_backup_checksum(const std::string& backup_path) {
  const std::string hash = file_hash(backup_path);
  if (hash.empty()) throw std::runtime_error("cannot read " + backup_path + " to checksum it");
  platform::write_file_atomically(backup_checksum_path(backup_path), hash + "\n");  // fsynced, renamed, directory fsynced
}

std::string check_backup(const std::string& path) {
  if (!fs::is_regular_file(path)) return "no such file";
  std::ifstream sum(backup_checksum_path(path));
  std::string expected;
  if (sum >> expected && file_hash(path) != expected)
    return "checksum differs from the one written with the backup: the file was damaged after it was written";
  try {
    db::Database db(path, db::OpenMode::kReadOnly);
    const std::string check = db.integrity_check();
    if (check != "ok") return "integrity check: " + check;
    if (db.user_version() < 1) return "not a kiosk database";
    if (has_table(db, "audit_log"))
      if (const auto r = store::AuditStore(db).verify(); !r.ok) return "audit chain: " + r.reason;
    if (has_table(db, "points_ledger"))
      if (const auto r = store::PointsStore(db).verify(); !r.ok) return "points chain: " + r.reason;
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace vsk::app
