// A full disk on demand, for in-process tests where no small file system can be mounted: an
// SQLite VFS that forwards everything to the default one, except that while `full` is set
// every write and every growth fails the way a full disk fails (SQLITE_FULL, which is what
// SQLite's own unix VFS returns for ENOSPC). Installed as the default VFS, so a store opened
// afterwards uses it without knowing. The end-to-end test on a real tmpfs is tests/ui/disk_full.sh.
#pragma once

#include <sqlite3.h>

#include <atomic>

namespace vsk::test_support {

class FullDiskVfs {
 public:
  FullDiskVfs() {
    real_ = sqlite3_vfs_find(nullptr);
    vfs_ = *real_;
    vfs_.zName = "vsk-full-disk";
    vfs_.szOsFile = static_cast<int>(sizeof(File)) + real_->szOsFile;
    vfs_.pAppData = this;
    vfs_.xOpen = &FullDiskVfs::open;
    sqlite3_vfs_register(&vfs_, /*makeDflt=*/1);
  }
  ~FullDiskVfs() { sqlite3_vfs_unregister(&vfs_); }
  FullDiskVfs(const FullDiskVfs&) = delete;
  FullDiskVfs& operator=(const FullDiskVfs&) = delete;

  void set_full(bool full) { full_ = full; }

 private:
  struct File {
    sqlite3_file base;  // our methods
    FullDiskVfs* owner;
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
  };
  static File* self(sqlite3_file* f) { return reinterpret_cast<File*>(f); }

  static int open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* out, int flags, int* out_flags) {
    auto* owner = static_cast<FullDiskVfs*>(vfs->pAppData);
    File* f = self(out);
    f->owner = owner;
    const int rc = owner->real_->xOpen(owner->real_, name, f->real(), flags, out_flags);
    if (rc != SQLITE_OK) {
      out->pMethods = nullptr;
      return rc;
    }
    owner->methods_ = *f->real()->pMethods;
    owner->methods_.xClose = [](sqlite3_file* p) { return self(p)->real()->pMethods->xClose(self(p)->real()); };
    owner->methods_.xRead = [](sqlite3_file* p, void* b, int n, sqlite3_int64 o) {
      return self(p)->real()->pMethods->xRead(self(p)->real(), b, n, o);
    };
    owner->methods_.xWrite = [](sqlite3_file* p, const void* b, int n, sqlite3_int64 o) {
      if (self(p)->owner->full_) return SQLITE_FULL;
      return self(p)->real()->pMethods->xWrite(self(p)->real(), b, n, o);
    };
    owner->methods_.xTruncate = [](sqlite3_file* p, sqlite3_int64 size) {
      return self(p)->real()->pMethods->xTruncate(self(p)->real(), size);
    };
    owner->methods_.xSync = [](sqlite3_file* p, int fl) { return self(p)->real()->pMethods->xSync(self(p)->real(), fl); };
    owner->methods_.xFileSize = [](sqlite3_file* p, sqlite3_int64* s) {
      return self(p)->real()->pMethods->xFileSize(self(p)->real(), s);
    };
    owner->methods_.xLock = [](sqlite3_file* p, int l) { return self(p)->real()->pMethods->xLock(self(p)->real(), l); };
    owner->methods_.xUnlock = [](sqlite3_file* p, int l) { return self(p)->real()->pMethods->xUnlock(self(p)->real(), l); };
    owner->methods_.xCheckReservedLock = [](sqlite3_file* p, int* r) {
      return self(p)->real()->pMethods->xCheckReservedLock(self(p)->real(), r);
    };
    owner->methods_.xFileControl = [](sqlite3_file* p, int op, void* arg) {
      return self(p)->real()->pMethods->xFileControl(self(p)->real(), op, arg);
    };
    owner->methods_.xSectorSize = [](sqlite3_file* p) { return self(p)->real()->pMethods->xSectorSize(self(p)->real()); };
    owner->methods_.xDeviceCharacteristics = [](sqlite3_file* p) {
      return self(p)->real()->pMethods->xDeviceCharacteristics(self(p)->real());
    };
    owner->methods_.xShmMap = [](sqlite3_file* p, int pg, int sz, int ext, void volatile** out) {
      return self(p)->real()->pMethods->xShmMap(self(p)->real(), pg, sz, ext, out);
    };
    owner->methods_.xShmLock = [](sqlite3_file* p, int off, int n, int fl) {
      return self(p)->real()->pMethods->xShmLock(self(p)->real(), off, n, fl);
    };
    owner->methods_.xShmBarrier = [](sqlite3_file* p) { self(p)->real()->pMethods->xShmBarrier(self(p)->real()); };
    owner->methods_.xShmUnmap = [](sqlite3_file* p, int del) {
      return self(p)->real()->pMethods->xShmUnmap(self(p)->real(), del);
    };
    owner->methods_.xFetch = [](sqlite3_file* p, sqlite3_int64 o, int n, void** out) {
      return self(p)->real()->pMethods->xFetch(self(p)->real(), o, n, out);
    };
    owner->methods_.xUnfetch = [](sqlite3_file* p, sqlite3_int64 o, void* b) {
      return self(p)->real()->pMethods->xUnfetch(self(p)->real(), o, b);
    };
    out->pMethods = &owner->methods_;
    return SQLITE_OK;
  }

  sqlite3_vfs* real_ = nullptr;
  sqlite3_vfs vfs_{};
  sqlite3_io_methods methods_{};
  std::atomic<bool> full_{false};
};

}  // namespace vsk::test_support
