#include "app/error_edge.h"

#include <sqlite3.h>

#include <cerrno>
#include <exception>
#include <system_error>

#include "log/log.h"
#include "sqlite/sqlite_db.h"

namespace vsk::app {
namespace {

FailureKind kind_of_sqlite(int code) {
  switch (code & 0xff) {  // the primary code of an extended one
    case SQLITE_FULL: return FailureKind::kStorageFull;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return FailureKind::kStorageBusy;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH: return FailureKind::kStorageReadOnly;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return FailureKind::kStorageDamaged;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
    case SQLITE_NOLFS: return FailureKind::kStorageIo;
    default: return FailureKind::kInternal;
  }
}

FailureKind kind_of_errno(int err) {
  switch (err) {
    case ENOSPC:
    case EDQUOT: return FailureKind::kStorageFull;
    case EROFS:
    case EACCES:
    case EPERM: return FailureKind::kStorageReadOnly;
    default: return FailureKind::kStorageIo;
  }
}

}  // namespace

Failure classify_current_exception() {
  try {
    throw;
  } catch (const db::DbError& e) {
    return {kind_of_sqlite(e.code()), e.what()};
  } catch (const std::system_error& e) {
    const bool is_errno = e.code().category() == std::generic_category() || e.code().category() == std::system_category();
    return {is_errno ? kind_of_errno(e.code().value()) : FailureKind::kInternal, e.what()};
  } catch (const std::bad_alloc&) {
    return {FailureKind::kInternal, "out of memory"};
  } catch (const std::exception& e) {
    return {FailureKind::kInternal, e.what()};
  } catch (...) {
    return {FailureKind::kInternal, "unknown exception"};
  }
}

const char* failure_code(FailureKind kind) {
  switch (kind) {
    case FailureKind::kStorageFull: return "storage.full";
    case FailureKind::kStorageBusy: return "storage.busy";
    case FailureKind::kStorageReadOnly: return "storage.read_only";
    case FailureKind::kStorageDamaged: return "storage.damaged";
    case FailureKind::kStorageIo: return "storage.io";
    case FailureKind::kInternal: return "internal";
  }
  return "internal";
}

bool is_storage_failure(FailureKind kind) { return kind != FailureKind::kInternal; }

core::Message failure_message(FailureKind kind) { return core::Message(std::string("err.") + failure_code(kind)); }

std::string failure_reason_key(FailureKind kind) {
  const std::string code = failure_code(kind);
  const std::string tail = code.rfind("storage.", 0) == 0 ? code.substr(8) : code;
  return "storage.reason." + tail;
}

std::string failure_words(const Failure& f) {
  std::string words;
  switch (f.kind) {
    case FailureKind::kStorageFull:
      words = "the data disk is full: free some space (old backups, receipts) and try again";
      break;
    case FailureKind::kStorageBusy:
      words = "the database is busy: another program (a kiosk or kioskctl) holds it; try again in a moment";
      break;
    case FailureKind::kStorageReadOnly:
      words = "the data directory cannot be written (read-only disk or wrong permissions)";
      break;
    case FailureKind::kStorageDamaged:
      words = "the database file is damaged: run `kioskctl db check`, then `kioskctl restore`";
      break;
    case FailureKind::kStorageIo:
      words = "the disk reported an input/output error: check the data disk";
      break;
    case FailureKind::kInternal:
      words = "an internal error";
      break;
  }
  return words + " (" + f.detail + ")";
}

void log_failure(std::string_view what, const Failure& f) {
  platform::log::error(is_storage_failure(f.kind) ? "storage" : "app",
                       std::string(what) + " failed, " + failure_code(f.kind) + ": " + f.detail);
}

}  // namespace vsk::app
