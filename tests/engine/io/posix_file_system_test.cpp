#include "engine/io/posix_file_system.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/temp_directory.h"

namespace strata {
namespace {

TEST(PosixFileSystemTest, LockHeldByAnotherProcessNamesItsPid) {
  testing::TempDirectory directory;
  const std::string path = directory.file("LOCK");
  int ready[2], release[2];
  ASSERT_EQ(::pipe(ready), 0);
  ASSERT_EQ(::pipe(release), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    PosixFileSystem fs;
    auto lock = fs.lock_file(path);
    const char byte = lock.has_value() ? 'y' : 'n';
    (void)!::write(ready[1], &byte, 1);
    char wait_byte;
    (void)!::read(release[0], &wait_byte, 1);
    _exit(0);
  }
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  ASSERT_EQ(byte, 'y');
  PosixFileSystem fs;
  auto second = fs.lock_file(path);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(second.status().message().find("(pid " + std::to_string(child) + ")"), std::string::npos)
      << second.status().to_string();
  (void)!::write(release[1], "x", 1);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(fs.lock_file(path).has_value());  // released with its holder
}

TEST(PosixFileSystemTest, WritesAtomicallyReadsListsTruncatesAndRemoves) {
  testing::TempDirectory directory;
  PosixFileSystem fs;
  ASSERT_TRUE(fs.create_dir(directory.file("d")).is_ok());
  ASSERT_TRUE(fs.write_file_atomically(directory.file("d/a"), "contents").is_ok());
  EXPECT_EQ(fs.read_file(directory.file("d/a")).value(), "contents");
  EXPECT_EQ(fs.list_dir(directory.file("d")).value(), std::vector<std::string>{"a"});
  ASSERT_TRUE(fs.truncate(directory.file("d/a"), 3).is_ok());
  EXPECT_EQ(fs.read_file(directory.file("d/a")).value(), "con");
  EXPECT_EQ(fs.open_for_read(directory.file("missing")).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(fs.remove_dir_recursive(directory.file("d")).is_ok());
  EXPECT_FALSE(fs.exists(directory.file("d")));
}

}  // namespace
}  // namespace strata
