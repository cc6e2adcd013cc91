#include "engine/wal/wal_reader.h"

#include "engine/base/checksum.h"
#include "engine/base/coding.h"
#include "engine/base/log.h"
#include "engine/wal/wal_format.h"

namespace strata {
namespace {

bool valid_header(std::string_view contents, uint64_t expected_number) {
  if (contents.size() < kWalHeaderBytes) return false;
  if (load_fixed64(contents.data() + 24) != checksum64(contents.substr(0, 24))) return false;
  return load_fixed64(contents.data()) == kWalMagic && load_fixed16(contents.data() + 8) == kWalVersion &&
         load_fixed16(contents.data() + 10) == 0 && load_fixed32(contents.data() + 12) == 0 &&
         load_fixed64(contents.data() + 16) == expected_number;
}

}  // namespace

Result<WalSegmentReplay> read_wal_segment(std::string_view contents, uint64_t expected_number,
                                          const WalRecordVisitor& visit) {
  WalSegmentReplay replay;
  if (!valid_header(contents, expected_number)) {
    replay.dropped_bytes = contents.size();
    return replay;
  }
  size_t offset = kWalHeaderBytes;
  // A record is trusted only when its whole frame is present and the checksum, which also
  // covers the length, matches; the first one that fails ends the readable log.
  while (contents.size() - offset >= kWalRecordHeaderBytes) {
    const uint64_t checksum = load_fixed64(contents.data() + offset);
    const uint32_t length = load_fixed32(contents.data() + offset + 8);
    if (length > kWalMaxRecordBytes || contents.size() - offset - kWalRecordHeaderBytes < length) break;
    if (checksum64(contents.substr(offset + 8, 4 + length)) != checksum) break;
    STRATA_RETURN_IF_ERROR(visit(contents.substr(offset + kWalRecordHeaderBytes, length)));
    offset += kWalRecordHeaderBytes + length;
    ++replay.records;
  }
  replay.valid_bytes = offset;
  replay.dropped_bytes = contents.size() - offset;
  return replay;
}

Result<WalSegmentReplay> replay_wal_segment(FileSystem& fs, const std::string& directory, uint64_t number,
                                            bool is_last, const WalRecordVisitor& visit) {
  const std::string path = join_path(directory, wal_segment_file_name(number));
  STRATA_ASSIGN_OR_RETURN(const std::string contents, fs.read_file(path));
  STRATA_ASSIGN_OR_RETURN(WalSegmentReplay replay, read_wal_segment(contents, number, visit));
  if (replay.dropped_bytes == 0) return replay;
  const std::vector<LogField> fields{{"path", path},
                                     {"offset", std::to_string(replay.valid_bytes)},
                                     {"dropped_bytes", std::to_string(replay.dropped_bytes)},
                                     {"records_kept", std::to_string(replay.records)}};
  if (is_last) {
    log_warning("wal tail torn or damaged; cut at the last valid record", {fields[0], fields[1], fields[2], fields[3]});
    STRATA_RETURN_IF_ERROR(fs.truncate(path, replay.valid_bytes));
  } else {
    log_error("wal segment damaged before its end; records after the damage are lost",
              {fields[0], fields[1], fields[2], fields[3]});
  }
  return replay;
}

}  // namespace strata
