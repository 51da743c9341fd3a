#include "ingest/csv_reader.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "ingest/text_encoding.h"

namespace flywheel {

namespace {

// How a field of the current row is held before views are made: in the file buffer, or in
// the scratch buffer (which may grow while the row is parsed, so offsets, not pointers).
struct FieldSpan {
  bool in_scratch;
  size_t offset;
  size_t length;
};

}  // namespace

// Hand back the pages already read once this many bytes have accumulated.
constexpr size_t kReleaseStep = size_t{64} << 20;

Result<std::unique_ptr<CsvRowSource>> CsvRowSource::Open(const std::string& path, std::string display_name) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::Io(fmt::format("{}: cannot open file: {}", display_name, std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    const size_t size = static_cast<size_t>(st.st_size);
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) {
      ::close(fd);
      ::madvise(map, size, MADV_SEQUENTIAL);
      return std::unique_ptr<CsvRowSource>(
          new CsvRowSource(static_cast<const char*>(map), size, std::move(display_name)));
    }
  }
  // Not a regular file, or not mappable: read it whole.
  std::string text;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const int error = errno;
      ::close(fd);
      return Status::Io(fmt::format("{}: cannot read file: {}", display_name, std::strerror(error)));
    }
    if (got == 0) break;
    text.append(buffer, static_cast<size_t>(got));
  }
  ::close(fd);
  return std::unique_ptr<CsvRowSource>(new CsvRowSource(std::move(text), std::move(display_name)));
}

std::unique_ptr<CsvRowSource> CsvRowSource::FromText(std::string text, std::string display_name) {
  return std::unique_ptr<CsvRowSource>(new CsvRowSource(std::move(text), std::move(display_name)));
}

CsvRowSource::CsvRowSource(std::string text, std::string display_name)
    : owned_(std::move(text)), data_(owned_.data()), size_(owned_.size()), name_(std::move(display_name)) {}

CsvRowSource::CsvRowSource(const char* mapped, size_t size, std::string display_name)
    : data_(mapped),
      size_(size),
      map_(mapped),
      map_size_(size),
      mapped_(true),
      name_(std::move(display_name)) {}

CsvRowSource::~CsvRowSource() {
  if (map_ != nullptr) ::munmap(const_cast<char*>(map_), map_size_);
}

void CsvRowSource::Start() {
  started_ = true;
  auto decoded = DecodeText(std::string_view(data_, size_), name_);
  if (!decoded.ok()) {
    status_ = decoded.status();
    pos_ = size_;
    return;
  }
  dialect_.encoding = decoded->encoding.name;
  invalid_utf8_ = decoded->encoding.has_invalid_bytes;
  if (decoded->transcoded) {
    owned_ = std::move(decoded->owned);
    data_ = owned_.data();
    size_ = owned_.size();
    mapped_ = false;
  } else {
    pos_ = decoded->skip;
  }
  // The mapping is no longer needed once the text is held in memory.
  if (!mapped_ && map_ != nullptr) {
    ::munmap(const_cast<char*>(map_), map_size_);
    map_ = nullptr;
  }
  const std::string_view text(data_ + pos_, size_ - pos_);
  dialect_.delimiter = DetectDelimiter(text);
  dialect_.line_ends = DetectLineEnds(text);
  if (dialect_.line_ends == LineEnds::kCr) {
    owned_ = CrToLf(text);
    data_ = owned_.data();
    size_ = owned_.size();
    pos_ = 0;
    if (map_ != nullptr) {
      ::munmap(const_cast<char*>(map_), map_size_);
      map_ = nullptr;
    }
    mapped_ = false;
  }
  std::vector<std::string_view> fields;
  int64_t line = 0;
  if (ReadRecord(&fields, &line)) {
    header_.assign(fields.begin(), fields.end());
  }
}

void CsvRowSource::Release(size_t from, size_t to) const {
  if (!mapped_) return;
  static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t begin = (from + page - 1) / page * page;
  const size_t end = to / page * page;
  // A private read-only mapping: a page handed back is read again from the file if it is
  // touched again, so views into it stay valid.
  if (end > begin) ::madvise(const_cast<char*>(data_) + begin, end - begin, MADV_DONTNEED);
}

size_t CsvRowSource::RowCountHint() const {
  EnsureStarted();
  if (pos_ >= size_) return 0;
  size_t ends = 0;
  for (size_t at = pos_; at < size_;) {
    const size_t stop = std::min(size_, at + kReleaseStep);
    ends += static_cast<size_t>(std::count(data_ + at, data_ + stop, '\n'));
    Release(std::max(at, released_), stop);
    at = stop;
  }
  return data_[size_ - 1] == '\n' ? ends : ends + 1;
}

bool CsvRowSource::Next(std::vector<std::string_view>* fields, int64_t* line) {
  EnsureStarted();
  // The previous row's views end here: the pages before this row can go.
  if (mapped_ && pos_ - released_ >= kReleaseStep) {
    Release(released_, pos_);
    released_ = pos_;
  }
  return ReadRecord(fields, line);
}

bool CsvRowSource::ReadRecord(std::vector<std::string_view>* fields, int64_t* line) {
  switch (dialect_.delimiter) {
    case ';':
      return ReadRecordWith<';'>(fields, line);
    case '\t':
      return ReadRecordWith<'\t'>(fields, line);
    case '|':
      return ReadRecordWith<'|'>(fields, line);
    default:
      return ReadRecordWith<','>(fields, line);
  }
}

template <char kDelimiter>
bool CsvRowSource::ReadRecordWith(std::vector<std::string_view>* fields, int64_t* line) {
  fields->clear();
  if (!status_.ok()) return false;
  const char* data = data_;
  const size_t n = size_;
  // Skip blank lines.
  while (pos_ < n) {
    if (data[pos_] == '\n') {
      ++pos_;
      ++line_;
    } else if (data[pos_] == '\r' && (pos_ + 1 == n || data[pos_ + 1] == '\n')) {
      pos_ += (pos_ + 1 == n) ? 1 : 2;
      ++line_;
    } else {
      break;
    }
  }
  if (pos_ >= n) return false;

  *line = line_;
  const int64_t first_line = line_;
  scratch_.clear();
  FieldSpan spans_small[64];
  std::vector<FieldSpan> spans_big;
  size_t count = 0;
  auto add = [&](FieldSpan s) {
    if (count < 64) {
      spans_small[count] = s;
    } else {
      if (spans_big.empty()) spans_big.assign(spans_small, spans_small + 64);
      spans_big.push_back(s);
    }
    ++count;
  };

  size_t p = pos_;
  while (true) {
    if (p < n && data[p] == '"') {
      // Quoted field.
      size_t start = ++p;
      bool escaped = false;
      size_t scratch_start = 0;
      while (true) {
        const void* q = p < n ? std::memchr(data + p, '"', n - p) : nullptr;
        if (q == nullptr) {
          status_ = Status::BadData(fmt::format("{}:{}: unterminated quoted field", name_, first_line));
          pos_ = n;
          return false;
        }
        size_t qpos = static_cast<const char*>(q) - data;
        for (size_t i = p; i < qpos; ++i) line_ += (data[i] == '\n');
        if (qpos + 1 < n && data[qpos + 1] == '"') {
          if (!escaped) {
            escaped = true;
            scratch_start = scratch_.size();
          }
          scratch_.append(data + start, data + qpos + 1);
          p = qpos + 2;
          start = p;
          continue;
        }
        if (escaped) {
          scratch_.append(data + start, data + qpos);
          add({true, scratch_start, scratch_.size() - scratch_start});
        } else {
          add({false, start, qpos - start});
        }
        p = qpos + 1;
        break;
      }
      while (p < n && (data[p] == ' ' || data[p] == '\t') && data[p] != kDelimiter) ++p;
      if (p < n && data[p] != kDelimiter && data[p] != '\n' &&
          !(data[p] == '\r' && (p + 1 == n || data[p + 1] == '\n'))) {
        status_ = Status::BadData(
            fmt::format("{}:{}: unexpected text after the closing quote of a field", name_, line_));
        pos_ = n;
        return false;
      }
    } else {
      size_t start = p;
      while (p < n && data[p] != kDelimiter && data[p] != '\n') ++p;
      size_t end = p;
      if (p < n && data[p] == '\n' && end > start && data[end - 1] == '\r') --end;
      if (p == n && end > start && data[end - 1] == '\r') --end;
      add({false, start, end - start});
    }
    // p is at the delimiter, a line end, or the end of the text.
    if (p < n && data[p] == kDelimiter) {
      ++p;
      continue;
    }
    if (p < n && data[p] == '\r') ++p;
    if (p < n && data[p] == '\n') {
      ++p;
      ++line_;
    }
    break;
  }
  pos_ = p;

  fields->reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const FieldSpan& s = count <= 64 ? spans_small[i] : spans_big[i];
    fields->emplace_back(s.in_scratch ? scratch_.data() + s.offset : data + s.offset, s.length);
  }
  return true;
}

std::string CheckFieldCount(std::string_view file, int64_t line, size_t expected, size_t found) {
  if (expected == found) return {};
  return fmt::format("{}:{}: expected {} fields, found {}", file, line, expected, found);
}

}  // namespace flywheel
