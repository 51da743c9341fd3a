#include "base/file_text.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace flywheel {

Result<std::string> ReadFileText(const std::string& path, std::string cannot_open) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (cannot_open.empty()) cannot_open = path + ": cannot open the file (" + std::strerror(errno) + ")";
    return Status::NotFound(std::move(cannot_open));
  }
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      return Status::Io(path + ": cannot read the file (" + std::strerror(error) + ")");
    }
    text.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return text;
}

}  // namespace flywheel
