#include "ingest/csv_reader.h"

#include <fmt/core.h>

#include <cstring>
#include <fstream>
#include <sstream>

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

Result<std::unique_ptr<CsvRowSource>> CsvRowSource::Open(const std::string& path, std::string display_name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io(fmt::format("{}: cannot open file: {}", display_name, std::strerror(errno)));
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  std::string text;
  if (size > 0) {
    text.resize(static_cast<size_t>(size));
    in.read(text.data(), size);
    if (!in) return Status::Io(fmt::format("{}: cannot read file", display_name));
  }
  return std::unique_ptr<CsvRowSource>(new CsvRowSource(std::move(text), std::move(display_name)));
}

std::unique_ptr<CsvRowSource> CsvRowSource::FromText(std::string text, std::string display_name) {
  return std::unique_ptr<CsvRowSource>(new CsvRowSource(std::move(text), std::move(display_name)));
}

CsvRowSource::CsvRowSource(std::string text, std::string display_name)
    : text_(std::move(text)), name_(std::move(display_name)) {
  if (text_.size() >= 3 && std::memcmp(text_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  std::vector<std::string_view> fields;
  int64_t line = 0;
  if (ReadRecord(&fields, &line)) {
    header_.assign(fields.begin(), fields.end());
  }
}

bool CsvRowSource::Next(std::vector<std::string_view>* fields, int64_t* line) {
  return ReadRecord(fields, line);
}

bool CsvRowSource::ReadRecord(std::vector<std::string_view>* fields, int64_t* line) {
  fields->clear();
  if (!status_.ok()) return false;
  const char* data = text_.data();
  const size_t n = text_.size();
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
      while (p < n && (data[p] == ' ' || data[p] == '\t')) ++p;
      if (p < n && data[p] != ',' && data[p] != '\n' && !(data[p] == '\r' && (p + 1 == n || data[p + 1] == '\n'))) {
        status_ = Status::BadData(
            fmt::format("{}:{}: unexpected text after the closing quote of a field", name_, line_));
        pos_ = n;
        return false;
      }
    } else {
      size_t start = p;
      while (p < n && data[p] != ',' && data[p] != '\n') ++p;
      size_t end = p;
      if (p < n && data[p] == '\n' && end > start && data[end - 1] == '\r') --end;
      if (p == n && end > start && data[end - 1] == '\r') --end;
      add({false, start, end - start});
    }
    // p is at ',', a line end, or the end of the text.
    if (p < n && data[p] == ',') {
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
