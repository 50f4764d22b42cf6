-- nvim.lua: pmc lsp in a real editor: Neovim's built-in client (0.7,
-- vim.lsp.start_client) opens a Japanese sample and a new buffer, and the
-- findings must appear at the right byte columns of Neovim's own
-- conversion from the server's UTF-16 positions, go away when the writer
-- fixes the text, and the hover, a quick fix and formatting must be pmc's.
-- Run by nvim.sh: nvim --headless --clean -c "luafile nvim.lua", with
-- PMC, TOP and SCRATCH in the environment. Exits 0 when every check
-- passed.
local pmc, top, scratch = os.getenv("PMC"), os.getenv("TOP"), os.getenv("SCRATCH")
local checks, failures = 0, 0

local function ok(cond, what)
  checks = checks + 1
  if not cond then
    failures = failures + 1
    io.stderr:write("FAIL: " .. what .. "\n")
  end
end

local function finish()
  io.stderr:write(string.format("nvim: %d checks, %d failed\n", checks, failures))
  if failures > 0 or checks == 0 then
    vim.cmd("cquit 1")
  else
    vim.cmd("qall!")
  end
end

local exit_code
local client_id = vim.lsp.start_client({
  name = "pmc",
  cmd = { pmc, "lsp", "--today", "2025-01-01" },
  root_dir = top,
  on_exit = function(code) exit_code = code end,
})
ok(client_id ~= nil, "the client starts pmc lsp")
local client = vim.lsp.get_client_by_id(client_id)

local function diags(buf, pred)
  local got
  vim.wait(10000, function()
    got = vim.diagnostic.get(buf)
    return pred(got)
  end, 20)
  return got
end

local function open(path)
  vim.cmd("edit! " .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  return buf
end

local function find(list, code)
  for _, d in ipairs(list) do
    if d.code == code then return d end
  end
end

-- 1. The Japanese sample under samples/: its policy asks for an update
-- every 30 minutes, which line 99's event ("- 11:30 — ...") breaks.
local sample = top .. "/samples/firstserver-2012.md"
local buf = open(sample)
local d = diags(buf, function(l) return find(l, "update-gap") ~= nil end)
local gap = find(d, "update-gap")
ok(gap ~= nil, "update-gap from samples/.pmc.yml")
if gap then
  ok(gap.lnum == 98 and gap.col == 2 and gap.end_lnum == 98 and gap.end_col == 7,
     string.format("update-gap at 99:3-8 (the time), got %d:%d-%d:%d",
                   gap.lnum + 1, gap.col + 1, gap.end_lnum + 1, gap.end_col + 1))
  ok(gap.severity == vim.diagnostic.severity.WARN and gap.source == "pmc",
     "a warning from pmc")
end

-- 2. Hover on the [detected] line: the instant and the time to detect.
local line = vim.fn.search("17:50 — \\[detected\\]", "w")
vim.api.nvim_win_set_cursor(0, { line, 3 })
local res = client.request_sync("textDocument/hover",
  vim.lsp.util.make_position_params(), 5000, buf)
local value = res and res.result and res.result.contents.value or ""
ok(value:find("2012-06-20 17:50 Asia/Tokyo (UTC+09:00)", 1, true) ~= nil,
   "hover: the local time with its zone: " .. value)
ok(value:find("2012-06-20 08:50 UTC", 1, true) ~= nil, "hover: UTC: " .. value)
ok(value:find("50分", 1, true) ~= nil, "hover: time to detect: " .. value)

-- 3. A new Japanese document typed into: a due date that is no date,
-- after an emoji and Japanese text on its line.
local doc = {
  "---", "title: 障害😀テスト", "id: nvim-test", "status: draft", "lang: ja",
  "severity: SEV2", "timezone: Asia/Tokyo", "started: 2024-03-01 10:00",
  "resolved: 2024-03-01 11:00", "---", "", "# 障害😀テスト", "",
  "## 概要", "", "キューが😀止まった。", "", "## 影響", "", "注文が遅れた。", "",
  "## 検知", "", "アラート。", "", "## 復旧", "", "再起動した。", "",
  "## タイムライン", "", "- 2024-03-01 10:00 — [started] 障害が始まる。",
  "- 2024-03-01 11:00 — [resolved] 直った。", "", "## 根本原因", "",
  "バグ。", "", "## 再発防止策", "",
  "- [x] 😀障害を直す (owner: SRE, due: 2024-02-30)",
}
buf = open(scratch .. "/新規.md")
vim.api.nvim_buf_set_lines(buf, 0, -1, false, doc)
d = diags(buf, function(l) return find(l, "bad-date") ~= nil end)
local bad = find(d, "bad-date")
ok(bad ~= nil, "bad-date while typing: " .. vim.inspect(d))
if bad then
  local text = doc[#doc]
  local col = text:find("2024-02-30", 1, true) - 1
  ok(bad.lnum == #doc - 1 and bad.col == col and bad.end_col == col + 10,
     string.format("bad-date at byte %d-%d of line %d, got %d-%d of %d",
                   col, col + 10, #doc, bad.col, bad.end_col, bad.lnum + 1))
  ok(bad.severity == vim.diagnostic.severity.ERROR, "an error")
end
-- the writer fixes the day: an incremental change of two characters
local text = doc[#doc]
local at = text:find("30)", 1, true) - 1
vim.api.nvim_buf_set_text(buf, #doc - 1, at, #doc - 1, at + 2, { "28" })
d = diags(buf, function(l) return find(l, "bad-date") == nil end)
ok(find(d, "bad-date") == nil, "the finding goes when the date is fixed")
ok(#d == 0, "and the document is clean: " .. vim.inspect(d))

-- 4. A quick fix, applied by Neovim: a zone word becomes its offset.
local tzline = vim.fn.search("^timezone:", "w")
vim.api.nvim_buf_set_lines(buf, tzline - 1, tzline, false, { "timezone: PST" })
d = diags(buf, function(l) return find(l, "bad-timezone") ~= nil end)
local tz = find(d, "bad-timezone")
ok(tz ~= nil, "bad-timezone for PST: " .. vim.inspect(d))
if tz then
  local params = vim.lsp.util.make_range_params()
  params.range = { start = { line = tz.lnum, character = tz.col },
                   ["end"] = { line = tz.end_lnum, character = tz.end_col } }
  params.context = { diagnostics = {} }
  res = client.request_sync("textDocument/codeAction", params, 5000, buf)
  local action = res and res.result and res.result[1]
  ok(action ~= nil and action.title == "Write the offset -08:00",
     "the fix is offered: " .. vim.inspect(res))
  if action then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    ok(vim.api.nvim_buf_get_lines(buf, tzline - 1, tzline, false)[1] ==
       "timezone: -08:00", "the fix applied")
    d = diags(buf, function(l) return find(l, "bad-timezone") == nil end)
    ok(find(d, "bad-timezone") == nil, "and the finding is gone")
  end
end

-- 5. Formatting: the buffer becomes what pmc fmt writes.
local before = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"
local messy = before:gsub("## 概要", "## 概要  "):gsub("\n%- %[x%]", "\n* [x]")
vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(messy:sub(1, -2), "\n"))
local want = vim.fn.system({ pmc, "fmt", "--policy", "/dev/null", "-" }, messy)
ok(vim.v.shell_error == 0 and want ~= messy, "pmc fmt changes the messy text")
vim.lsp.buf.formatting_sync(nil, 5000)
local after = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"
ok(after == want, "formatting gives pmc fmt's text:\n" .. after)

-- 6. The server stops cleanly when the editor asks it to.
client.stop()
vim.wait(5000, function() return exit_code ~= nil end, 20)
ok(exit_code == 0, "pmc lsp exits 0 after shutdown and exit: " .. tostring(exit_code))
finish()
