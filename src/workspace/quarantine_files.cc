#include "workspace/quarantine_files.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <random>

#include "base/csv_field.h"
#include "base/file_text.h"
#include "ingest/text_encoding.h"

namespace flywheel {
namespace fs = std::filesystem;

namespace {

constexpr char kStaged[] = ".quarantine-new";
constexpr char kOld[] = ".quarantine-old";
constexpr char kTokenFile[] = ".import-token";

fs::path Staged(const std::string& ws) { return fs::path(ws) / kStaged; }

// Writes `text` to `path` and syncs it to disk.
Status WriteSynced(const fs::path& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Io(fmt::format("{}: cannot write: {}", path.string(), std::strerror(errno)));
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return Status::Io(fmt::format("{}: cannot write: {}", path.string(), std::strerror(error)));
    }
    done += static_cast<size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!synced) return Status::Io(fmt::format("{}: cannot sync: {}", path.string(), std::strerror(error)));
  return Status::Ok();
}

void SyncDir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

// The file's text: UTF-8 throughout (a byte that is not, in a row set aside for it, is written
// as U+FFFD; the reason names the byte).
std::string FileText(const QuarantineFile& file) {
  std::string out;
  std::vector<std::string> header = {"source", "reason"};
  header.insert(header.end(), file.columns.begin(), file.columns.end());
  for (auto& name : header) name = ValidUtf8Copy(name);
  AppendCsvRow(&out, header);
  for (const auto& row : file.rows) {
    std::vector<std::string> fields = {row.source, row.reason};
    fields.insert(fields.end(), row.values.begin(), row.values.end());
    fields.resize(header.size());
    for (auto& field : fields) field = ValidUtf8Copy(field);
    AppendCsvRow(&out, fields);
  }
  return out;
}

// An advisory lock on WS/.quarantine.lock for as long as it lives (none when the file cannot
// be opened: a read-only workspace, where nothing can be renamed anyway).
class RenameLock {
 public:
  explicit RenameLock(const std::string& ws) {
    fd_ = ::open((fs::path(ws) / ".quarantine.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ >= 0) (void)::flock(fd_, LOCK_EX);
  }
  ~RenameLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  RenameLock(const RenameLock&) = delete;
  RenameLock& operator=(const RenameLock&) = delete;

 private:
  int fd_ = -1;
};

std::string TokenOf(const fs::path& dir) {
  auto text = ReadFileText((dir / kTokenFile).string());
  return text.ok() ? std::move(text).value() : std::string();  // no token file: no token
}

}  // namespace

std::string QuarantineDir(const std::string& workspace_dir) {
  return (fs::path(workspace_dir) / "quarantine").string();
}

Status StageQuarantine(const std::string& workspace_dir, const std::vector<QuarantineFile>& files,
                       const std::string& token) {
  const fs::path staged = Staged(workspace_dir);
  std::error_code ec;
  fs::remove_all(staged, ec);
  fs::create_directories(staged, ec);
  if (ec) return Status::Io(fmt::format("{}: cannot create the folder: {}", staged.string(), ec.message()));
  for (const QuarantineFile& file : files) {
    if (file.rows.empty()) continue;
    FLYWHEEL_RETURN_IF_ERROR(WriteSynced(staged / (file.table + ".csv"), FileText(file)));
  }
  // The token last: a staged folder with a token is complete.
  FLYWHEEL_RETURN_IF_ERROR(WriteSynced(staged / kTokenFile, token));
  SyncDir(staged);
  return Status::Ok();
}

namespace {

// Moves the staged folder into place. REQUIRES: the RenameLock is held, the staged folder exists.
Status Publish(const std::string& workspace_dir) {
  const fs::path staged = Staged(workspace_dir);
  const fs::path live = QuarantineDir(workspace_dir);
  const fs::path old = fs::path(workspace_dir) / kOld;
  std::error_code ec;
  fs::remove_all(old, ec);
  if (fs::exists(live, ec)) {
    fs::rename(live, old, ec);
    if (ec) return Status::Io(fmt::format("{}: cannot replace the folder: {}", live.string(), ec.message()));
  }
  bool any = false;
  for (const auto& entry : fs::directory_iterator(staged, ec))
    any = any || entry.path().extension() == ".csv";
  if (any) {
    fs::rename(staged, live, ec);
    if (ec) return Status::Io(fmt::format("{}: cannot move into place: {}", staged.string(), ec.message()));
  } else {
    fs::remove_all(staged, ec);
  }
  fs::remove_all(old, ec);
  SyncDir(workspace_dir);
  return Status::Ok();
}

}  // namespace

Status PublishQuarantine(const std::string& workspace_dir, const std::string& token) {
  RenameLock lock(workspace_dir);
  std::error_code ec;
  if (!fs::exists(Staged(workspace_dir), ec) || TokenOf(Staged(workspace_dir)) != token) return Status::Ok();
  return Publish(workspace_dir);
}

void DiscardQuarantine(const std::string& workspace_dir) {
  RenameLock lock(workspace_dir);
  std::error_code ec;
  fs::remove_all(Staged(workspace_dir), ec);
}

Status RecoverQuarantine(const std::string& workspace_dir, const std::string& committed_token,
                         bool discard_uncommitted) {
  const fs::path staged = Staged(workspace_dir);
  const fs::path old = fs::path(workspace_dir) / kOld;
  std::error_code ec;
  if (!fs::exists(staged, ec) && !fs::exists(old, ec)) return Status::Ok();  // the common case: no lock taken
  RenameLock lock(workspace_dir);
  if (fs::exists(staged, ec)) {
    if (!committed_token.empty() && TokenOf(staged) == committed_token) return Publish(workspace_dir);
    if (discard_uncommitted) fs::remove_all(staged, ec);
  }
  // Killed between the two renames of a publication, after the new folder was in place.
  if (fs::exists(old, ec) && !fs::exists(staged, ec)) fs::remove_all(old, ec);
  return Status::Ok();
}

std::string NewImportToken() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  std::random_device random;
  return fmt::format("{:x}-{:x}-{:08x}", std::chrono::duration_cast<std::chrono::microseconds>(now).count(),
                     static_cast<unsigned>(::getpid()), random());
}

}  // namespace flywheel
