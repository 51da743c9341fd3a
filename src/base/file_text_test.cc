#include "base/file_text.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace flywheel {
namespace {

namespace fs = std::filesystem;

class FileTextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flywheel_file_text_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(FileTextTest, ReadsEveryByte) {
  std::string bytes(200000, 'x');  // more than one read
  bytes[0] = '\0';
  bytes[199999] = '\xFF';
  std::ofstream(Path("a.bin"), std::ios::binary) << bytes;
  auto text = ReadFileText(Path("a.bin"));
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ(text.value(), bytes);
  std::ofstream(Path("empty.toml"), std::ios::binary);
  auto empty = ReadFileText(Path("empty.toml"));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty.value(), "");
}

TEST_F(FileTextTest, AMissingFileIsNotFoundInTheCallersWords) {
  auto text = ReadFileText(Path("absent.toml"), "scorecard file absent.toml does not exist");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(text.status().message(), "scorecard file absent.toml does not exist");
  auto plain = ReadFileText(Path("absent.toml"));
  EXPECT_EQ(plain.status().message(),
            Path("absent.toml") + ": cannot open the file (No such file or directory)");
}

TEST_F(FileTextTest, AFolderOpensButCannotBeRead) {
  auto text = ReadFileText(dir_.string(), "never used: the folder opens");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kIo);
  EXPECT_EQ(text.status().message(), dir_.string() + ": cannot read the file (Is a directory)");
}

}  // namespace
}  // namespace flywheel
