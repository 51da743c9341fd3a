// Status and Result<T>: expected failures (bad input, missing file, bad setting) as values.
//
// A Status carries a kind, which decides the process exit code at the edge (CLI, HTTP),
// and a message written for the person at the keyboard. Library code never prints and
// never exits; it returns these.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace flywheel {

enum class StatusCode {
  kOk = 0,
  kBadData,   // invalid input data or settings: exit code 1
  kUsage,     // invalid command-line usage or parameter: exit code 2
  kNotFound,  // a file, table, account or report that does not exist: exit code 1
  kIo,        // the file system or database failed: exit code 1
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status BadData(std::string msg) { return Status(StatusCode::kBadData, std::move(msg)); }
  static Status Usage(std::string msg) { return Status(StatusCode::kUsage, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status Io(std::string msg) { return Status(StatusCode::kIo, std::move(msg)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Exit code the CLI uses for this status: 0 ok, 2 usage, 1 everything else.
  int ExitCode() const {
    if (ok()) return 0;
    return code_ == StatusCode::kUsage ? 2 : 1;
  }

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  // Every access checks: reading the value of an error is a bug, and it stops the process
  // with the error's message rather than reading an empty optional.
  T& value() & { return CheckedValue(); }
  const T& value() const& { return CheckedValue(); }
  T&& value() && { return std::move(CheckedValue()); }
  T& operator*() & { return CheckedValue(); }
  const T& operator*() const& { return CheckedValue(); }
  T* operator->() { return &CheckedValue(); }
  const T* operator->() const { return &CheckedValue(); }

 private:
  T& CheckedValue() {
    if (!value_.has_value()) [[unlikely]]
      DieOnError();
    return *value_;
  }
  const T& CheckedValue() const {
    if (!value_.has_value()) [[unlikely]]
      DieOnError();
    return *value_;
  }
  [[noreturn]] void DieOnError() const {
    std::fprintf(stderr, "flywheel: internal error: the value of a failed result was read: %s\n",
                 status_.message().c_str());
    std::abort();
  }

  std::optional<T> value_;
  Status status_;
};

#define FLYWHEEL_RETURN_IF_ERROR(expr) \
  do {                                 \
    ::flywheel::Status _st = (expr);   \
    if (!_st.ok()) return _st;         \
  } while (0)

}  // namespace flywheel
