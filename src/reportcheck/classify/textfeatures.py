"""Text features of the classifiers that need no scikit-learn (shared by training and fast prediction).

>>> text_stats(["Đã làm 3 km đường; đã trồng 900 cây."]).shape
(1, 18)
"""

from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np

from ..normalize import fold

__all__ = ["MODEL_VERSION", "STAT_NAMES", "fold_text", "text_stats"]

#: bump when features or estimators change: part of the model cache key
MODEL_VERSION = "4"


def fold_text(text: str) -> str:
    """The folded text the vectorizer reads (module-level so pipelines pickle)."""
    return fold(text)


# -- measured features ------------------------------------------------------
_FIG = re.compile(r"(?<![\w/])\d+(?:[.,]\d+)*(?:\s*%)?")
_PCT = re.compile(r"\d\s*%")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_LIST_LINE = re.compile(r"(?m)^\s*(?:[-+•–]\s|[a-zđ]\)\s|\d+[.)]\s)")
_ORDINAL = re.compile(r"(?:^|[.;:]\s*)(?:thứ (?:nhất|hai|ba|tư|năm|sáu)|một là|hai là|ba là|bốn là|năm là)\b")
_DA_CHAIN = re.compile(r"[;,:]\s*(?:đã|đã được|tổ chức|triển khai|thực hiện|ban hành|xây dựng|kiểm tra|giám sát|hoàn thành|vận động|hỗ trợ|cấp|kết nạp)\b")
_AGENT = re.compile(
    r"\b(?:ban chấp hành|ban thường vụ|thường trực|bí thư|phó bí thư|cấp ủy viên|ủy viên|đồng chí|"
    r"chủ tịch|phó chủ tịch|giám đốc|phó giám đốc|hiệu trưởng|trưởng (?:ban|phòng|khoa|công an)|"
    r"chi ủy|đảng ủy viên|thủ trưởng|người đứng đầu)\b")
_ATTRIB = re.compile(r"trách nhiệm (?:trực tiếp |chính |trước hết |chủ yếu )?(?:thuộc|của|về)|do đồng chí|đồng chí [a-zđ]+ phụ trách|phụ trách\b|chịu trách nhiệm")
_IMPERSONAL = re.compile(r"\b(?:một số|có nơi|có lúc|một bộ phận|một vài|ở một số|nhìn chung|còn (?:hạn chế|chưa)|chưa (?:thật sự|cao|đồng đều|sâu sát|quyết liệt))\b")
_EVAL = re.compile(r"\b(?:hiệu quả|chuyển biến|rõ nét|rõ rệt|thực chất|tác động|góp phần|cho thấy|nhờ|do đó|vì vậy|nhưng|song|tuy nhiên|so với|vượt|đạt|không đạt|thấp hơn|cao hơn|giảm|tăng)\b")
_VAGUE = re.compile(r"\b(?:tiếp tục|tăng cường|nâng cao|phấn đấu|đẩy mạnh|quan tâm|chú trọng|ngày càng|hơn nữa|năm sau cao hơn năm trước|từng bước|tích cực)\b")
_DEADLINE = re.compile(r"\b(?:đến năm|trước năm|năm 20\d\d|hằng năm|hàng năm|mỗi năm|/năm|trong nhiệm kỳ|quý [ivx1-4]+)\b")
_BOILER = re.compile(r"\b(?:dưới sự lãnh đạo|sự quan tâm|đoàn kết|truyền thống|khó khăn, thách thức|vững mạnh|giàu đẹp|văn minh|xứng đáng|phát huy|khát vọng)\b")

STAT_NAMES = ("figures_per_100w", "log_figures", "pct_per_100w", "years", "list_lines", "ordinals",
              "chain_clauses", "semicolons", "commas_per_100w", "agents", "attributions", "impersonal",
              "evaluative", "vague", "deadlines", "boilerplate", "log_words", "mean_sentence_words")


def _stats_one(text: str) -> list[float]:
    t = fold(text)
    words = max(len(t.split()), 1)
    per = 100.0 / words
    figs = len(_FIG.findall(t))
    sentences = max(len([s for s in re.split(r"[.!?]\s|\n", t) if s.strip()]), 1)
    return [
        figs * per, math.log1p(figs), len(_PCT.findall(t)) * per, len(_YEAR.findall(t)),
        len(_LIST_LINE.findall(t)), len(_ORDINAL.findall(t)), len(_DA_CHAIN.findall(t)),
        t.count(";"), t.count(",") * per, len(_AGENT.findall(t)), len(_ATTRIB.findall(t)),
        len(_IMPERSONAL.findall(t)), len(_EVAL.findall(t)) * per, len(_VAGUE.findall(t)) * per,
        len(_DEADLINE.findall(t)), len(_BOILER.findall(t)), math.log(words), words / sentences,
    ]


def text_stats(texts: Sequence[str]) -> np.ndarray:
    """The measured features of each text, one row per text (see :data:`STAT_NAMES`)."""
    return np.asarray([_stats_one(t) for t in texts], dtype=float).reshape(len(texts), len(STAT_NAMES))


