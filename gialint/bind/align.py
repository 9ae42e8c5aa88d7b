"""Order-aware alignment of the labels a report wrote with the template's.

1. *Anchors*: labels written exactly (after normalization) are matched in
   order, greedily.
2. *Gaps* between anchors are aligned by dynamic programming on similarity,
   where up to three consecutive written labels may join into one official
   label (a cell wrapped over lines: ``本年新`` / ``制作数量``).  Position
   decides what similarity alone cannot: a label alone between rows 5 and 7 is
   row 6, however it is worded.
3. *Second chance*: labels written out of order are matched exactly (headers of
   merged-cell layouts come in many orders; rows out of order are ``moved``).
4. *Wrapped fragments*: a left-over label that completes an earlier partial
   match (a page break inside ``三、本年度办`` … ``理结果``) joins it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from gialint.util.normalize import norm, similarity

MAX_MERGE = 3
GAP_THRESHOLD = 0.5
POSITIONAL_THRESHOLD = 0.3
MAX_DP_CELLS = 6000
# Only the first MAX_LABELS written labels of a section are aligned: a real
# section has at most a few dozen (the largest template has 40 items).  Without
# this bound a pathological file (a million short lines, a huge TSV dump) costs
# one similarity per label and template item in the fallback of _dp and in the
# header search below — minutes for a 5 MB file.  Labels beyond the bound stay
# unmatched (the binder reports them as extra).
MAX_LABELS = 1000


@dataclass(frozen=True, slots=True)
class Item:
    """A label of the template: ``role`` is caption, header, group or row."""

    table: str
    role: str
    key: str
    label: str
    ncols: int

    @property
    def norm(self) -> str:
        return norm(self.label)


@dataclass
class Alignment:
    # item index → (observed indexes, similarity, moved)
    matches: dict[int, tuple[list[int], float, bool]] = field(default_factory=dict)
    wrapped: set[int] = field(default_factory=set)
    wrapped_into: dict[int, list[int]] = field(default_factory=dict)
    set_aside: set[int] = field(default_factory=set)  # matched out of order, before the gaps


def _anchors(obs: list[str], items: list[Item], keys: list[str], al: Alignment) -> list[tuple[int, int]]:
    index: dict[str, list[int]] = {}
    for j, k in enumerate(keys):
        index.setdefault(k, []).append(j)
    anchors: list[tuple[int, int]] = []
    j = 0
    matched_groups: dict[str, int] = {}
    taken: set[int] = set()
    table = items[0].table if items else ""
    for i, o in enumerate(obs):
        cands = index.get(o)
        if not cands:
            continue
        # Header cells of merged layouts come in many orders: a header of the
        # current table written late (总计 after 其他) belongs to that table,
        # not to a later table with a header of the same wording.
        back = next((c for c in cands if c < j and c not in taken and items[c].table == table and items[c].role in ("header", "column")), None)
        if back is not None:
            # Recorded as a match, not an anchor: anchors bound the gaps and
            # must stay in order.
            al.matches[back] = ([i], 1.0, False)
            al.set_aside.add(i)
            taken.add(back)
            continue
        nxt = next((c for c in cands if c >= j), None)
        if nxt is not None and items[nxt].table != table and _repeated(items, matched_groups.get(o), table, nxt, taken):
            # A header row repeated after a page break (PDF text) before the
            # next table's caption: a repeat of this table's, not the next's.
            al.wrapped.add(i)
            continue
        if nxt is not None:
            table = items[nxt].table
            taken.add(nxt)
            anchors.append((i, nxt))
            j = nxt + 1
            if items[nxt].role in ("group", "caption", "header", "column"):
                matched_groups[o] = nxt
        elif o in matched_groups:
            # Pipe tables repeat a merged group label on every row; PDF text
            # repeats a table's header rows after a page break.
            al.wrapped.add(i)
    return anchors


def _repeated(items: list[Item], before: int | None, table: str, at: int, taken: set[int]) -> bool:
    """Whether a label already matched in ``table`` (item ``before``) and
    now leading to item ``at`` of the next table repeats the current
    table's header: the next table's caption is not yet matched."""
    if before is None or items[before].table != table or items[before].role not in ("header", "column"):
        return False
    t = items[at].table
    return any(it.table == t and it.role == "caption" and k not in taken for k, it in enumerate(items))


@lru_cache(maxsize=1024)
def _core(key: str) -> str:
    """An official label without its trailing note: ``(二)部分公开`` for
    ``(二)部分公开(区分处理的,只计这一情形,不计其他情形)`` (normalized)."""
    if key.endswith(")") and "(" in key[1:]:
        core = key[: key.rindex("(")]
        if len(core) >= 2 and len(key) - len(core) > 4:
            return core
    return key


def _similar(written: str, key: str) -> float:
    """Similarity to an official label, or to the label without its note: a
    label written without its qualifier is still that row (and GIA201 says
    so), not an extra row beside a missing one."""
    s = similarity(written, key)
    core = _core(key)
    return s if core is key else max(s, similarity(written, core))


def _dp(obs: list[str], items: list[Item], keys: list[str], o0: int, o1: int, i0: int, i1: int, al: Alignment) -> None:
    p, q = o1 - o0, i1 - i0
    if p <= 0 or q <= 0:
        return
    positional = p == 1 and q == 1
    thr = POSITIONAL_THRESHOLD if positional else GAP_THRESHOLD
    if p * q > MAX_DP_CELLS:
        # Pathological input: match each label to its best item independently.
        taken: set[int] = set()
        for a in range(o0, o1):
            best, best_s = -1, thr
            for b in range(i0, i1):
                if b not in taken:
                    s = similarity(obs[a], keys[b])
                    if s >= best_s:
                        best, best_s = b, s
            if best >= 0:
                taken.add(best)
                al.matches[best] = ([a], best_s, False)
        return
    neg = float("-inf")
    dp = [[0.0] * (q + 1) for _ in range(p + 1)]
    back: list[list[tuple[int, int, int]]] = [[(0, 0, 0)] * (q + 1) for _ in range(p + 1)]
    for a in range(p + 1):
        for b in range(q + 1):
            if a == 0 and b == 0:
                continue
            best, move = neg, (0, 0, 0)
            if a > 0 and dp[a - 1][b] > best:
                best, move = dp[a - 1][b], (a - 1, b, 0)
            if b > 0 and dp[a][b - 1] > best:
                best, move = dp[a][b - 1], (a, b - 1, 0)
            if a > 0 and b > 0:
                target = keys[i0 + b - 1]
                joined = ""
                for k in range(1, min(MAX_MERGE, a) + 1):
                    joined = obs[o0 + a - k] + joined
                    s = _similar(joined, target)
                    if s >= thr and dp[a - k][b - 1] + s > best:
                        best, move = dp[a - k][b - 1] + s, (a - k, b - 1, k)
            dp[a][b] = best
            back[a][b] = move
    a, b = p, q
    while a > 0 or b > 0:
        pa, pb, k = back[a][b]
        if k:
            obs_is = list(range(o0 + pa, o0 + a))
            al.matches[i0 + pb] = (obs_is, similarity("".join(obs[x] for x in obs_is), keys[i0 + pb]), False)
        a, b = pa, pb


def align(obs: list[str], items: list[Item]) -> Alignment:
    """Align normalized observed labels ``obs`` with the template ``items``."""
    obs = obs[:MAX_LABELS]
    al = Alignment()
    keys = [it.norm for it in items]
    anchors = _anchors(obs, items, keys, al)
    for i, j in anchors:
        al.matches[j] = ([i], 1.0, False)
    bounds = [(-1, -1)] + anchors + [(len(obs), len(items))]
    # Labels matched before the gaps are blanked for the DP, so it cannot
    # give them a second place.
    gap_view = [("" if x in al.set_aside else o) for x, o in enumerate(obs)] if al.set_aside else obs
    for (a0, b0), (a1, b1) in zip(bounds, bounds[1:]):
        gap_obs = [x for x in range(a0 + 1, a1) if x not in al.wrapped and x not in al.set_aside]
        if gap_obs and b1 - b0 > 1:
            # The DP works on a contiguous range; repeated labels were set aside.
            _dp(gap_view, items, keys, a0 + 1, a1, b0 + 1, b1, al)
    used = {o for v in al.matches.values() for o in v[0]} | al.wrapped | al.set_aside
    free = [o for o in range(len(obs)) if o not in used]

    # Second chance: exact labels out of order.
    missing = [j for j in range(len(items)) if j not in al.matches]
    for j in missing:
        for o in free:
            if obs[o] == keys[j]:
                al.matches[j] = ([o], 1.0, items[j].role not in ("header", "column"))
                free.remove(o)
                break
    # Headers of merged-cell layouts: similar wording anywhere in their table.
    for j in [j for j in range(len(items)) if j not in al.matches and items[j].role in ("header", "column")]:
        best_o, best_s = -1, 0.8
        for o in free:
            s = similarity(obs[o], keys[j])
            if s >= best_s:
                best_o, best_s = o, s
        if best_o >= 0:
            al.matches[j] = ([best_o], best_s, False)
            free.remove(best_o)

    # Wrapped fragments complete an earlier partial label.
    by_obs = sorted(((v[0][-1], j) for j, v in al.matches.items()), reverse=True)
    for o in list(free):
        for last_obs, j in by_obs:
            if last_obs >= o:
                continue
            joined = "".join(obs[x] for x in al.matches[j][0]) + "".join(obs[w] for w in al.wrapped_into.get(j, [])) + obs[o]
            if keys[j].startswith(joined) and len(joined) > len(joined) - len(obs[o]):
                al.wrapped_into.setdefault(j, []).append(o)
                al.wrapped.add(o)
                free.remove(o)
                break
            if last_obs < o - 8:
                break
    return al


def among_its_rows(items: list[Item], n: int, idxs: list[int], matches: dict[int, tuple[list[int], float, bool]]) -> bool:
    """Whether the group label ``items[n]``, found at stream ``idxs``, lies
    between the first and the last of its own rows."""
    prefix = items[n].key + "."
    rows = [i for k, it in enumerate(items) if it.table == items[n].table and it.key.startswith(prefix) and k in matches for i in matches[k][0]]
    return bool(rows) and min(rows) < min(idxs) and max(idxs) < max(rows)
