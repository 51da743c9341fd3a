// Buffered CSV output with write-to-temporary-then-rename.
#include "demo/csv_table_writer.h"

#include <cerrno>
#include <cstring>

namespace flywheel {

CsvTableWriter::~CsvTableWriter() {
  if (file_ != nullptr) Abandon();
}

Status CsvTableWriter::Open(const std::string& dir, std::string_view file_name, std::string_view header) {
  file_name_ = std::string(file_name);
  final_path_ = dir + "/" + file_name_;
  temp_path_ = dir + "/." + file_name_ + ".tmp";
  file_ = std::fopen(temp_path_.c_str(), "wb");
  if (file_ == nullptr) {
    return Status::Io(fmt::format("cannot create {}: {}", temp_path_, std::strerror(errno)));
  }
  buffer_.append(header);
  buffer_.push_back('\n');
  return Status::Ok();
}

void CsvTableWriter::Flush() {
  if (file_ != nullptr && buffer_.size() > 0 &&
      std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    failed_ = true;
  }
  buffer_.clear();
}

Status CsvTableWriter::Close() {
  if (file_ == nullptr) return Status::Io(fmt::format("{} is not open", file_name_));
  Flush();
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  if (failed_) return Status::Io(fmt::format("cannot write {}", temp_path_));
  return Status::Ok();
}

Status CsvTableWriter::Commit() {
  if (std::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    return Status::Io(
        fmt::format("cannot rename {} to {}: {}", temp_path_, final_path_, std::strerror(errno)));
  }
  return Status::Ok();
}

void CsvTableWriter::Abandon() {
  if (file_ != nullptr) {
    std::fclose(file_);
    file_ = nullptr;
  }
  if (!temp_path_.empty()) std::remove(temp_path_.c_str());
}

}  // namespace flywheel
