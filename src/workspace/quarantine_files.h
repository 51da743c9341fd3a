// The quarantine folder of a workspace, WS/quarantine/: one CSV file per table with the rows
// the last import set aside (docs/WORKSPACE.md), each with where it came from and why.
//
// The files belong to the import's transaction. They are written completely into
// WS/.quarantine-new first (stamped with the import's token, which the transaction stores
// in workspace_meta), and renamed into place only after the commit. A failed import removes
// the staged folder; an import killed between its commit and the rename is completed by the
// next open of the workspace (RecoverQuarantine), and one killed before its commit leaves a
// staged folder whose token was never committed, which the next import removes (it holds the
// database's write lock, so no other import can be under way). Renames take an advisory lock
// on WS/.quarantine.lock, so that an import and a reader completing the same publication do
// not interleave. So WS/quarantine/ holds the rows of the committed data set, never a
// half-written file.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace flywheel {

struct QuarantineFile {
  std::string table;                 // "opportunities": written as opportunities.csv
  std::vector<std::string> columns;  // after `source` and `reason`
  struct Row {
    std::string source;               // "deals.csv:12": the file and line the row came from
    std::string reason;               // "status: ... ; closed_at: ..."
    std::vector<std::string> values;  // one per column
  };
  std::vector<Row> rows;
};

// "WS/quarantine".
std::string QuarantineDir(const std::string& workspace_dir);

// Writes `files` (tables without rows are not written) into WS/.quarantine-new with
// `token`, replacing what a failed import may have left there, and syncs them to disk.
Status StageQuarantine(const std::string& workspace_dir, const std::vector<QuarantineFile>& files,
                       const std::string& token);

// After the commit of the import `token`: replaces WS/quarantine with the staged folder
// (removes it when the import set nothing aside). Nothing to do when a reader did it first.
Status PublishQuarantine(const std::string& workspace_dir, const std::string& token);

// Before the commit, when the import failed: removes the staged folder.
void DiscardQuarantine(const std::string& workspace_dir);

// Completes an interrupted publication: a staged folder stamped with `committed_token` (the
// token in workspace_meta) is published. With `discard_uncommitted` (only under the
// database's write lock, when no import can be under way) a staged folder with any other
// token is removed.
Status RecoverQuarantine(const std::string& workspace_dir, const std::string& committed_token,
                         bool discard_uncommitted);

// A token that tells this import from every other (time, process, a random number).
std::string NewImportToken();

}  // namespace flywheel
