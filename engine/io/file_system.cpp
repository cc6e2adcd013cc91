#include "engine/io/file_system.h"

namespace strata {

Status WritableFile::append_and_sync(std::string_view data) {
  STRATA_RETURN_IF_ERROR(append(data));
  return sync();
}

Result<std::string> FileSystem::read_file(const std::string& path) {
  STRATA_ASSIGN_OR_RETURN(auto file, open_for_read(path));
  std::string contents;
  STRATA_RETURN_IF_ERROR(file->read_at(0, static_cast<size_t>(file->size()), contents));
  return contents;
}

Status FileSystem::write_file_atomically(const std::string& path, std::string_view contents) {
  const std::string temporary = path + ".tmp";
  {
    STRATA_ASSIGN_OR_RETURN(auto file, create_file(temporary));
    STRATA_RETURN_IF_ERROR(file->append_and_sync(contents).with_context("write " + temporary));
    STRATA_RETURN_IF_ERROR(file->close());
  }
  STRATA_RETURN_IF_ERROR(rename(temporary, path));
  const size_t slash = path.rfind('/');
  return sync_dir(slash == std::string::npos ? std::string(".") : path.substr(0, slash));
}

std::string join_path(std::string_view directory, std::string_view name) {
  std::string path(directory);
  if (!path.empty() && path.back() != '/') path += '/';
  path += name;
  return path;
}

}  // namespace strata
