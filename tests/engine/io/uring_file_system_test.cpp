// UringFileSystem: appends and syncs through io_uring. Skipped where the kernel refuses a
// ring, except in CI (CI=true), where that fails: io_uring is the default backend.
#include "engine/io/uring_file_system.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "tests/support/temp_directory.h"

namespace strata {
namespace {

class UringFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Status probed = UringFileSystem::probe(); !probed.is_ok()) {
      // io_uring is the default backend: CI must exercise it, so there a refusal fails.
      const char* ci = std::getenv("CI");
      ASSERT_FALSE(ci != nullptr && std::string(ci) == "true")
          << "the kernel or a seccomp policy refuses io_uring in CI, so the default backend goes untested: "
          << probed.to_string();
      GTEST_SKIP() << "the kernel or a seccomp policy refuses io_uring here (outside CI, so skipped): "
                   << probed.to_string();
    }
  }
  testing::TempDirectory directory_;
  UringFileSystem fs_;
};

TEST_F(UringFileSystemTest, AppendsAndSyncsInOrder) {
  const std::string path = directory_.file("f");
  auto file = fs_.create_file(path).value();
  ASSERT_TRUE(file->append("hello ").is_ok());
  ASSERT_TRUE(file->append_and_sync("world").is_ok());
  ASSERT_TRUE(file->sync().is_ok());
  EXPECT_EQ(file->size(), 11u);
  ASSERT_TRUE(file->close().is_ok());
  EXPECT_EQ(fs_.read_file(path).value(), "hello world");
}

TEST_F(UringFileSystemTest, LargeAppendsArriveWhole) {
  const std::string path = directory_.file("big");
  std::string data(8 << 20, '\0');
  for (size_t index = 0; index < data.size(); ++index) data[index] = static_cast<char>(index * 31);
  auto file = fs_.open_for_append(path);
  EXPECT_FALSE(file.has_value());  // absent files are not created by open_for_append
  auto created = fs_.create_file(path).value();
  ASSERT_TRUE(created->append_and_sync(data).is_ok());
  ASSERT_TRUE(created->close().is_ok());
  EXPECT_EQ(fs_.read_file(path).value(), data);
}

TEST(MakeFileSystemTest, PosixIsAlwaysAvailable) {
  auto choice = make_file_system(IoBackend::kPosix);
  ASSERT_TRUE(choice.has_value());
  EXPECT_FALSE(choice->uring_active);
}

}  // namespace
}  // namespace strata
