"""The core's sentences in Japanese and English: every reason kind with its facts, both languages.

The expected texts below are written by hand from the resolution (IIJ 7th series, 2017) and the
Civil Code, not copied from the code's output; each scenario's comment gives the arithmetic:

- clause (11)2): "within ten (10) days from the day following the day the person loses his or her
  position" (Japanese: 地位を喪失した日の翌日から10日以内);
- clause (11)3): one heir inherits, "only within six (6) months after inheriting"; the heir's own
  heir inherits nothing;
- clause (3): a split applies from the day after its record date, a consolidation from the day it
  takes effect, a conditional split from the day after the meeting closes, retroactively;
- clause (8): a merger dissolving the company, a share exchange or transfer making it a wholly
  owned subsidiary; the company may acquire the rights for nothing on a day its board fixes;
- clause (9): the six kinds and their effective dates (吸収合併がその効力を生ずる日 ...);
- Civil Code (民法) art. 140 (the first day is not counted), art. 142 (a last day on a holiday
  moves to the next day), art. 143 (months by the calendar).

Weekdays by hand: 2030-01-01 is a Tuesday, so 2030-04-01 is a Monday and 2030-04-10 a Wednesday;
2031-01-01 is a Wednesday, so 2031-08-01 is a Friday and 2031-08-31 a Sunday.
"""

from __future__ import annotations

import datetime as dt
import string

import pytest

from stockrights.adjustment import CorporateAction, adjusted_shares_per_right, ex_rights_sentence
from stockrights.glossary import Lang
from stockrights.prices import ExRightsDates, ExRightsSource
from stockrights.restructuring import (
    Restructuring,
    RestructuringKind,
    may_acquire_without_contribution,
)
from stockrights.sentences import OPTIONS, SENTENCES, Length, Weekday, option_words, say
from stockrights.windows import (
    Exerciser,
    ExerciseRules,
    HolderStatus,
    LastDayRule,
    can_exercise,
    exercise_windows,
)

D = dt.date.fromisoformat
NO_HOLIDAYS: tuple[dt.date, ...] = ()  # business days Monday to Friday: the weekdays by hand


def rules(last_day_rule: str = "following") -> ExerciseRules:
    """The 7th series' period (clause (5)), the resolution's windows, Monday-Friday business."""
    return ExerciseRules(
        exercise_period_start="2017-07-15",
        exercise_period_end="2047-07-14",
        last_day_rule=last_day_rule,
        holidays=NO_HOLIDAYS,
    )


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_sentence_has_the_same_facts_in_both_languages() -> None:
    """A fact named in one language is named in the other (nothing dropped in translation)."""
    for key, term in SENTENCES.items():
        assert fields(term.ja) == fields(term.en), key


def test_every_option_of_the_core_has_words_in_both_languages() -> None:
    """The options sentences name (rules, who, kinds of action and restructuring) all have words."""
    from stockrights.adjustment import ActionKind

    for enum in (LastDayRule, Exerciser, ActionKind, RestructuringKind, ExRightsSource):
        for option in enum:
            words = OPTIONS[f"{enum.__name__}.{option.value}"]
            assert words.ja
            assert words.en
            assert not any("a" <= ch <= "z" for ch in words.ja), words.ja


def test_english_is_what_the_core_has_always_said() -> None:
    """str() is the English; the enums' labels come from the same words (OPTIONS)."""
    assert LastDayRule.FOLLOWING.label == "following business day, Civil Code art. 142"
    assert RestructuringKind.SHARE_EXCHANGE.label == "share exchange"
    assert str(say("window.none")) == "no window: the holder is still in office (clause 11-2)"


def test_facts_render_in_each_language() -> None:
    """Dates ISO / 年月日, lengths with units, weekdays, None, options."""
    assert Length(1, "days").render(Lang.EN) == "1 day"
    assert Length(10, "days").render(Lang.EN) == "10 days"
    assert Length(10, "days").render(Lang.JA) == "10日"
    assert Length(6, "months").render(Lang.JA) == "6か月"
    assert Length(1, "years").render(Lang.JA) == "1年"
    assert Weekday(D("2031-08-31")).render(Lang.EN) == "Sunday"
    assert Weekday(D("2031-08-31")).render(Lang.JA) == "日曜日"
    s = say("action.rule.split", record=D("2020-12-31"))
    assert s("ja") == "株式分割：基準日（2020年12月31日）の翌日から適用"
    assert (
        say("action.rule.split", record=None)("ja") == "株式分割：基準日（（なし））の翌日から適用"
    )
    assert option_words(Exerciser.HOLDER, "ja") == "新株予約権者"
    assert s.fact("record") == D("2020-12-31")
    with pytest.raises(KeyError, match="no fact 'effective'"):
        s.fact("effective")
    with pytest.raises(KeyError, match="no sentence 'nope'"):
        say("nope")
    with pytest.raises(ValueError, match="'fr' is not a valid Lang"):
        s("fr")


# --- windows (clauses (5), (11)2)-3)) -------------------------------------------------------------

# Lost on 2030-03-31: day 1 is 04-01, day 10 is 04-10, a Wednesday (a business day).
HOLDER_BASIS_EN = (
    "10 days from the day after the position was lost on 2030-03-31, clause 11-2; last day "
    "2030-04-10, a business day (if not: following business day, Civil Code art. 142)"
)
HOLDER_BASIS_JA = (
    "2030年3月31日の地位喪失の翌日から10日以内、決議 (11)-2、末日2030年4月10日は営業日"
    "（営業日でない場合：翌営業日、民法第142条）"
)

WINDOW_CASES = [
    pytest.param(
        HolderStatus(position_lost_on="2017-07-10"),
        "2017-07-14",
        "following",
        "before the exercise period starts on 2017-07-15",
        "行使期間の初日（2017年7月15日）より前",
        id="before-period",
    ),
    pytest.param(
        HolderStatus(position_lost_on="2047-07-10"),
        "2047-07-15",
        "following",
        "after the exercise period ended on 2047-07-14",
        "行使期間の末日（2047年7月14日）より後",
        id="after-period",
    ),
    pytest.param(
        HolderStatus(),
        "2030-01-01",
        "following",
        "the holder is still a director or executive officer on 2030-01-01; rights may be "
        "exercised only within 10 days from the day after the position is lost (clause 11-2)",
        "2030年1月1日において新株予約権者は取締役または執行役員の地位にあります。"
        "行使できるのは地位を喪失した日の翌日から10日以内に限られます（決議 (11)-2）",
        id="in-office",
    ),
    pytest.param(
        HolderStatus(position_lost_on="2030-03-31"),
        "2030-04-10",
        "following",
        f"within the holder's window 2030-04-01 to 2030-04-10 ({HOLDER_BASIS_EN})",
        f"新株予約権者の行使可能期間（2030年4月1日～2030年4月10日）内です。{HOLDER_BASIS_JA}",
        id="holder-within",
    ),
    pytest.param(
        HolderStatus(position_lost_on="2030-03-31"),
        "2030-04-11",
        "following",
        f"the window closed on 2030-04-10 ({HOLDER_BASIS_EN})",
        f"行使可能期間は2030年4月10日に終了しています。{HOLDER_BASIS_JA}",
        id="holder-closed",
    ),
    # Inherited 2031-02-28: counted from 03-01 (art. 140), six months end 08-31 (art. 143(2):
    # from the 1st, the last day of the sixth month), a Sunday: art. 142 moves it to Monday
    # 09-01; a plan's "preceding" rule to Friday 08-29; "no_move" leaves it.
    pytest.param(
        HolderStatus(died_on="2031-02-20", inherited_on="2031-02-28"),
        "2031-09-02",
        "following",
        "the window closed on 2031-09-01 (6 months after the heir inherited on 2031-02-28, "
        "counted from 2031-03-01 (Civil Code arts. 140, 143), clause 11-3; last day 2031-08-31 "
        "(Sunday) not a business day, moved to 2031-09-01 (following business day, Civil Code "
        "art. 142))",
        "行使可能期間は2031年9月1日に終了しています。相続人が2031年2月28日に相続してから6か月以内、"
        "2031年3月1日から起算（民法第140条・第143条）、決議 (11)-3、末日2031年8月31日（日曜日）は"
        "営業日でないため2031年9月1日に変更（翌営業日、民法第142条）",
        id="heir-moved-following",
    ),
    pytest.param(
        HolderStatus(died_on="2031-02-20", inherited_on="2031-02-28"),
        "2031-02-28",
        "preceding",
        "within the heir's window 2031-02-28 to 2031-08-29 (6 months after the heir inherited "
        "on 2031-02-28, counted from 2031-03-01 (Civil Code arts. 140, 143), clause 11-3; last "
        "day 2031-08-31 (Sunday) not a business day, moved to 2031-08-29 (preceding business "
        "day, the plan's rule))",
        "相続人の行使可能期間（2031年2月28日～2031年8月29日）内です。相続人が2031年2月28日に相続"
        "してから6か月以内、2031年3月1日から起算（民法第140条・第143条）、決議 (11)-3、"
        "末日2031年8月31日（日曜日）は営業日でないため2031年8月29日に変更（前営業日、制度の定め）",
        id="heir-moved-preceding",
    ),
    pytest.param(
        HolderStatus(died_on="2031-02-20", inherited_on="2031-02-28"),
        "2031-02-27",
        "no_move",
        "the heir inherits on 2031-02-28, not before",
        "相続人の相続は2031年2月28日であり、それより前には行使できません",
        id="heir-before-inheriting",
    ),
    pytest.param(
        HolderStatus(died_on="2031-02-20", inherited_on="2031-02-28"),
        "2031-09-01",
        "no_move",
        "the window closed on 2031-08-31 (6 months after the heir inherited on 2031-02-28, "
        "counted from 2031-03-01 (Civil Code arts. 140, 143), clause 11-3; last day 2031-08-31 "
        "(if not a business day: no move, the plan's rule))",
        "行使可能期間は2031年8月31日に終了しています。相続人が2031年2月28日に相続してから6か月以内、"
        "2031年3月1日から起算（民法第140条・第143条）、決議 (11)-3、末日は2031年8月31日"
        "（営業日でない場合：移動しない、制度の定め）",
        id="heir-no-move",
    ),
    pytest.param(
        HolderStatus(died_on="2031-02-20"),
        "2031-03-01",
        "following",
        "the holder died on 2031-02-20 and no heir has inherited yet (inherited_on is empty); "
        "only the one heir who inherits may exercise (clause 11-3)",
        "新株予約権者は2031年2月20日に死亡し、まだ相続されていません"
        "（相続日 inherited_on が空欄）。"
        "行使できるのは新株予約権を相続した相続人1名のみです（決議 (11)-3）",
        id="no-heir-yet",
    ),
    pytest.param(
        HolderStatus(died_on="2031-02-20", inherited_on="2031-02-28", heir_died_on="2031-04-01"),
        "2031-04-01",
        "following",
        "the heir died on 2031-04-01; the heir's own heir inherits nothing (clause 11-3)",
        "相続人は2031年4月1日に死亡しました。"
        "相続人の相続人は新株予約権を相続できません（決議 (11)-3）",
        id="heir-died",
    ),
    # Lost 2030-03-31, window to 04-10; died 04-20, after it closed: nothing inherited.
    pytest.param(
        HolderStatus(
            position_lost_on="2030-03-31", died_on="2030-04-20", inherited_on="2030-05-01"
        ),
        "2030-05-02",
        "following",
        "the rights lapsed when the holder's window closed on 2030-04-10, before the holder died "
        "on 2030-04-20; nothing was inherited",
        "新株予約権は新株予約権者の行使可能期間が2030年4月10日に終了したときに失効しており、"
        "新株予約権者の死亡（2030年4月20日）より前です。相続された新株予約権はありません",
        id="lapsed-before-death",
    ),
    # Lost 2047-07-10: ten days would end 07-20, after the period's end 07-14 (clause (5)).
    pytest.param(
        HolderStatus(position_lost_on="2047-07-10"),
        "2047-07-14",
        "following",
        "within the holder's window 2047-07-11 to 2047-07-14 (10 days from the day after the "
        "position was lost on 2047-07-10, clause 11-2; last day 2047-07-20, cut to the end of the "
        "exercise period 2047-07-14)",
        "新株予約権者の行使可能期間（2047年7月11日～2047年7月14日）内です。"
        "2047年7月10日の地位喪失の翌日から10日以内、決議 (11)-2、"
        "末日は2047年7月20日、ただし行使期間の末日（2047年7月14日）まで",
        id="cut-to-period-end",
    ),
]


@pytest.mark.parametrize(("status", "day", "rule", "english", "japanese"), WINDOW_CASES)
def test_eligibility_reasons_in_both_languages(
    status: HolderStatus, day: str, rule: str, english: str, japanese: str
) -> None:
    """Each kind of eligibility reason, with its dates, lengths and clauses, in en and ja."""
    verdict = can_exercise(status=status, exercise_date=day, rules=rules(rule))
    assert verdict.reason == english
    assert str(verdict.why) == english
    assert verdict.why("ja") == japanese


def test_a_window_cut_the_day_before_the_holders_death() -> None:
    """Lost 2030-03-31, died 2030-04-05: the holder's window ends 04-04 (the day before)."""
    status = HolderStatus(position_lost_on="2030-03-31", died_on="2030-04-05")
    (holder,) = exercise_windows(status=status, rules=rules())
    assert holder.basis == (
        "10 days from the day after the position was lost on 2030-03-31, clause 11-2; last day "
        "2030-04-10, cut to the day before the death 2030-04-04"
    )
    assert holder.reckoning("ja") == (
        "2030年3月31日の地位喪失の翌日から10日以内、決議 (11)-2、末日は2030年4月10日、"
        "ただし死亡日の前日（2030年4月4日）まで"
    )


# --- clause (3) -----------------------------------------------------------------------------------


def test_clause_3_rules_in_both_languages() -> None:
    """The day each kind applies from (clause (3)), in en and ja."""
    split = CorporateAction(kind="split", ratio=2, record_date="2020-12-31")
    consolidation = CorporateAction(kind="consolidation", ratio=0.5, effective_date="2025-10-01")
    conditional = CorporateAction(
        kind="conditional_split", ratio=2, record_date="2025-03-31", meeting_date="2025-06-20"
    )
    other = CorporateAction(kind="other", ratio=1.2, effective_date="2026-04-01")
    assert [a.rule for a in (split, consolidation, conditional, other)] == [
        "split: from the day after the record date 2020-12-31",
        "consolidation: from the day it takes effect 2025-10-01",
        "conditional split: from the day after the meeting closes 2025-06-20, retroactively from "
        "the day after the record date 2025-03-31",
        "other adjustment decided by the company: from 2026-04-01",
    ]
    assert [a.rule_sentence("ja") for a in (split, consolidation, conditional, other)] == [
        "株式分割：基準日（2020年12月31日）の翌日から適用",
        "株式併合：効力発生日（2025年10月1日）から適用",
        "株主総会の承認を条件とする株式分割：株主総会の終結の日（2025年6月20日）の翌日以降、"
        "基準日（2025年3月31日）の翌日に遡って適用",
        "会社が合理的な範囲で行う調整：2026年4月1日から適用",
    ]


def test_actions_not_applied_say_why_in_both_languages() -> None:
    """Before the allotment, pending its meeting, after the as-of date: each reason in en and ja."""
    actions = [
        CorporateAction(kind="split", ratio=200, record_date="2012-09-30"),  # from 2012-10-01
        CorporateAction(
            kind="conditional_split", ratio=2, record_date="2025-03-31", meeting_date="2025-06-20"
        ),
        CorporateAction(kind="split", ratio=2, record_date="2030-12-31"),  # from 2031-01-01
    ]
    result = adjusted_shares_per_right(
        base_shares=200, actions=actions, as_of="2025-06-20", allotment_date="2017-07-14"
    )
    assert [(s.reason, s.why("ja")) for s in result.not_applied] == [
        (
            "applies from 2012-10-01, not after the allotment on 2017-07-14 (clause 3 adjusts "
            "only for later actions)",
            "2012年10月1日から適用：割当日（2017年7月14日）より後ではありません"
            "（決議 (3) は割当日より後の株式分割・株式併合のみを調整）",
        ),
        (
            "pending: the shareholders' meeting closes on 2025-06-20; as known on 2025-06-20 the "
            "split does not apply yet",
            "未確定：株主総会の終結の日は2025年6月20日。2025年6月20日時点では株式分割はまだ"
            "適用されません",
        ),
        (
            "applies from 2031-01-01, after 2025-06-20",
            "2031年1月1日から適用（2025年6月20日より後）",
        ),
    ]


def test_ex_rights_notes_in_both_languages() -> None:
    """A given ex-rights date, a derived one (T+2 by hand), an other adjustment."""
    given = ExRightsDates(ex_rights_date=D("2020-12-29"), source=ExRightsSource.GIVEN)
    assert str(ex_rights_sentence(given)) == given.note == "ex-rights date 2020-12-29 (given)"
    assert ex_rights_sentence(given)("ja") == "権利落日2020年12月29日（入力値）"
    # Record date 2020-12-31, a Thursday the TSE is closed (year end): B = Wed 12-30; under T+2
    # the trade of Mon 12-28 settles on 12-30, so the ex-rights date is Tue 12-29.
    split = CorporateAction(kind="split", ratio=2, record_date="2020-12-31")
    found, note = split.ex_rights_explained()
    assert found is not None
    assert str(note) == found.note
    assert str(note) == (
        "ex-rights date 2020-12-29: last cum-rights day 2020-12-28 settles T+2 by 2020-12-30, the "
        "last TSE business day on or before the record date 2020-12-31"
    )
    assert note("ja") == (
        "権利落日2020年12月29日：権利付最終日2020年12月28日の売買は T+2 で2020年12月30日"
        "（基準日2020年12月31日以前の最後の東証営業日）までに決済"
    )
    other = CorporateAction(kind="other", ratio=1.2, effective_date="2026-04-01")
    assert other.ex_rights_or_reason() == (
        None,
        "no ex-rights date: an other adjustment does not change the share basis",
    )
    assert (
        other.ex_rights_explained()[1]("ja") == "権利落日なし：その他の調整は株式の基準を変えません"
    )


# --- clauses (8), (9) -----------------------------------------------------------------------------


def test_effective_date_rules_in_japanese_follow_the_companies_act_wording() -> None:
    """Clause (9)'s six effective dates, in the Japanese resolutions' standard words."""
    assert {k.value: k.effective_date_sentence("ja") for k in RestructuringKind} == {
        "absorption_type_merger": "吸収合併がその効力を生ずる日",
        "incorporation_type_merger": "新設合併設立株式会社の成立の日",
        "absorption_type_demerger": "吸収分割がその効力を生ずる日",
        "incorporation_type_demerger": "新設分割設立株式会社の成立の日",
        "share_exchange": "株式交換がその効力を生ずる日",
        "share_transfer": "株式移転設立完全親会社の成立の日",
    }
    assert RestructuringKind.SHARE_TRANSFER.effective_date_rule == (
        "the day the wholly-owning parent company is established by the share transfer"
    )


ACQUIRE_CASES = [
    pytest.param(
        "absorption_type_demerger",
        "2030-01-20",
        "2030-02-01",
        "an absorption-type demerger is not in clause 8, which covers only a merger dissolving the "
        "company, a share exchange or a share transfer",
        "吸収分割は決議 (8) の対象外です（対象は当社が消滅会社となる合併、"
        "当社が完全子会社となる株式交換・株式移転のみ）",
        id="demerger",
    ),
    pytest.param(
        "share_exchange",
        None,
        "2030-02-01",
        "the approval of the share exchange has not been resolved",
        "株式交換の承認はまだ決議されていません",
        id="not-resolved",
    ),
    pytest.param(
        "share_exchange",
        "2030-01-20",
        "2030-01-19",
        "the approval of the share exchange is resolved on 2030-01-20",
        "株式交換の承認の決議は2030年1月20日です",
        id="resolved-later",
    ),
    pytest.param(
        "absorption_type_merger",
        "2030-01-20",
        "2030-04-01",
        "the absorption-type merger took effect on 2030-04-01; the rights were replaced under "
        "clause 9",
        "吸収合併は2030年4月1日に効力を生じ、新株予約権は決議 (9) により再編対象会社の"
        "新株予約権に置き換えられました",
        id="took-effect",
    ),
    pytest.param(
        "absorption_type_merger",
        "2030-01-20",
        "2030-02-01",
        "the absorption-type merger was approved on 2030-01-20 and takes effect on 2030-04-01: the "
        "company may acquire the rights for nothing on a day its board fixes (clause 8)",
        "吸収合併は2030年1月20日に承認され、2030年4月1日に効力を生じます。当社は取締役会が別途"
        "定める日に新株予約権を無償で取得できます（決議 (8)）",
        id="may",
    ),
]


@pytest.mark.parametrize(("kind", "approved", "as_of", "english", "japanese"), ACQUIRE_CASES)
def test_clause_8_reasons_in_both_languages(
    kind: str, approved: str | None, as_of: str, english: str, japanese: str
) -> None:
    """Each clause (8) answer, with the kind and its dates, in en and ja."""
    deal = Restructuring(
        kind=kind, effective_date="2030-04-01", share_ratio=0.5, approved_on=approved
    )
    verdict = may_acquire_without_contribution(restructuring=deal, as_of=as_of)
    assert verdict.reason == english
    assert verdict.why("ja") == japanese


def test_the_modules_examples_run() -> None:
    """The docstring examples of stockrights.sentences (Japanese and English of one reason)."""
    import doctest

    from stockrights import sentences

    failed, attempted = doctest.testmod(sentences, verbose=False)
    assert attempted >= 4
    assert failed == 0


def test_the_languages_doc_runs() -> None:
    """docs/languages.md's example (English as before, Japanese beside it) is what the code does."""
    import doctest
    from pathlib import Path

    doc = Path(__file__).resolve().parents[1] / "docs" / "languages.md"
    failed, attempted = doctest.testfile(str(doc), module_relative=False, verbose=False)
    assert attempted >= 5
    assert failed == 0


# --- the valuation's explain lines (valuation.py): values, notes and units --------------------

EXPLAIN_SENTENCES = [
    # (key, facts, English, Japanese): the English is the text explain() has always printed
    ("explain.s.close", {"on": D("2017-07-14")}, "close on 2017-07-14", "2017年7月14日の終値"),
    (
        "explain.s.base_price",
        {"day": D("2017-07-18")},
        "base price for 2017-07-18",
        "2017年7月18日の基準値段",
    ),
    (
        "explain.s.base_price_why",
        {"on": D("2017-07-17")},  # Marine Day, a Monday holiday: no close
        "no close on 2017-07-17: the base price for the next trading day (clause 12-2)",
        "2017年7月17日の終値なし：翌取引日の基準値段（決議 (12)-2）",
    ),
    (
        "explain.sigma.window",
        {"start": D("2005-12-02"), "end": D("2017-07-14")},
        "2005-12-02 to 2017-07-14",
        "2005年12月2日～2017年7月14日",
    ),
    (
        "explain.sigma.observation",
        {"close": 259017.734971, "adjusted": 1295.08867486},  # the 1:200 split: close / 200
        "close 259017.734971, adjusted 1295.08867486",
        "終値259017.734971、調整後1295.08867486",
    ),
    (
        "explain.sigma.missing_why",
        {"substituted": 2, "skipped": 0},
        "2 substituted, 0 skipped",
        "代替2件、除外0件",
    ),
    (
        "explain.split",
        {"day": D("2012-09-26"), "ratio": 200.0},
        "1:200 from 2012-09-26",
        "2012年9月26日から1:200",
    ),
    (
        "explain.r.curve",
        {"count": 15, "first": 1.0, "last": 40.0},
        "15 tenors, 1 to 40",
        "15年限、1～40",
    ),
    ("explain.r.point", {"tenor": 15.0, "value": 0.0035}, "15y 0.0035", "15年 0.0035"),
    (
        "explain.q.declared_why",
        {"fiscal_year": "FY ended March 2017", "record": D("2017-03-31")},
        "FY ended March 2017, record date 2017-03-31 (clause 12-7)",
        "FY ended March 2017、基準日2017年3月31日（決議 (12)-7）",
    ),
    (
        "explain.q.declared_why",
        {"fiscal_year": say("explain.q.no_fiscal_year"), "record": D("2017-03-31")},
        "fiscal year not stated, record date 2017-03-31 (clause 12-7)",
        "事業年度の記載なし、基準日2017年3月31日（決議 (12)-7）",
    ),
    (
        "explain.q.splits_why",
        {"record": D("2017-03-31"), "as_of": D("2017-07-14")},
        "effective after 2017-03-31, up to 2017-07-14",
        "2017年3月31日より後、2017年7月14日までに効力発生",
    ),
    (
        "explain.entered",
        {"source": "valuer's report"},
        "entered: valuer's report",
        "入力値：valuer's report",
    ),
    (
        "explain.entered",
        {"source": say("explain.source_not_stated")},
        "entered: (source not stated)",
        "入力値：（入手元の記載なし）",
    ),
]


@pytest.mark.parametrize(
    ("key", "facts", "english", "japanese"),
    EXPLAIN_SENTENCES,
    ids=[f"{row[0]}-{i}" for i, row in enumerate(EXPLAIN_SENTENCES)],
)
def test_explain_sentences_in_both_languages(
    key: str, facts: dict[str, object], english: str, japanese: str
) -> None:
    """Each kind of explain value or note with its facts: English as before, Japanese by hand."""
    said = say(key, **facts)
    assert str(said) == english
    assert said("ja") == japanese


def test_explain_notes_without_facts_in_both_languages() -> None:
    """The fixed notes: the clause cited as the Japanese templates cite it, the formulas in σ."""
    expected = {
        "explain.s.close_why": (
            "the close on the allotment date (clause 12-2)",
            "割当日の終値（決議 (12)-2）",
        ),
        "explain.sigma.window_why": ("clause 12-5", "決議 (12)-5"),
        "explain.r.curve_why": ("clause 12-6", "決議 (12)-6"),
        "explain.note.d": (
            "(ln(S/X) + (r - q + sigma^2/2) T) / (sigma sqrt T)",
            "(ln(S/X) + (r − q + σ²/2) T) / (σ√T)",
        ),
        "explain.rounding.per_right_up": (
            "C x shares, fraction of a yen rounded up (clause 12)",
            "C × 1個当たりの株式の数、1円未満切上げ（決議 (12)）",
        ),
        "explain.rounding.per_share_half_up": (
            "C rounded half-up (四捨五入) to the yen, then x shares",
            "C の1円未満を四捨五入し、その後 × 1個当たりの株式の数",
        ),
        "explain.r.continuous": (
            "converted from semi-annual: r = 2 ln(1 + y/2)",
            "半年複利から換算：r = 2 ln(1 + y/2)",
        ),
    }
    for key, (english, japanese) in expected.items():
        assert (str(say(key)), say(key)("ja")) == (english, japanese), key


def test_explain_options_units_and_lists_in_both_languages() -> None:
    """Codes stay codes in English (the explain value as before) and are words in Japanese;
    units by the catalogue; a list joined by "; " or ", " in English, 、 in Japanese, "none"
    (なし) when empty.
    """
    from stockrights.rates import Compounding
    from stockrights.rounding import Rounding
    from stockrights.sentences import Joined, unit_words
    from stockrights.volatility import Frequency, MissingClose

    for enum in (Rounding, Frequency, Compounding, MissingClose):
        for option in enum:
            assert option_words(option, "en") == option.value
            assert not any("a" <= ch <= "z" for ch in option_words(option, "ja")), option
    assert option_words(Frequency.WEEKLY, "ja") == "週次"
    assert option_words(Rounding.PER_RIGHT_UP, "ja") == "1個当たりの金額を切上げ"
    assert (unit_words("yen/share", "ja"), unit_words("decimal/year", "ja")) == (
        "円/株",
        "年率（小数）",
    )
    assert unit_words("furlongs", "ja") == "furlongs"  # unknown: as it is
    splits = Joined(
        (say("explain.split", day=D("2012-09-26"), ratio=200.0),
         say("explain.split", day=D("2013-04-01"), ratio=2.0)),
        "; ",
    )  # fmt: skip
    words = say("explain.words", words=splits)
    assert str(words) == "1:200 from 2012-09-26; 1:2 from 2013-04-01"
    assert words("ja") == "2012年9月26日から1:200、2013年4月1日から1:2"
    empty = say("explain.words", words=Joined(()))
    assert (str(empty), empty("ja")) == ("none", "なし")


def test_explain_lines_of_a_derived_rate_in_both_languages() -> None:
    """The rate's lines: T = 12 between the 10- and 20-year tenors, continuously compounded.

    By hand the weights are w_hi = (12 - 10) / (20 - 10) = 0.2 and w_lo = 0.8; the lines say so
    in each language, and the English is what explain() has always printed.
    """
    from stockrights.derivation import derive_rate
    from stockrights.valuation import _rate_lines

    rate = derive_rate(
        tenors_years=[10, 20], yields=[0.001, 0.006], term_years=12, compounding="continuous"
    )
    lines = {line.label: line for line in _rate_lines(rate)}
    curve = lines["r: curve"]
    assert (curve.value, curve.unit, curve.note) == ("2 tenors, 10 to 20", "years", "clause 12-6")
    assert (curve.value_in("ja"), curve.unit_in("ja"), curve.note_in("ja")) == (
        "2年限、10～20",
        "年",
        "決議 (12)-6",
    )
    weights = lines["r: interpolation weights"]
    assert (weights.value, weights.value_in("ja")) == ("10y 0.8, 20y 0.2", "10年 0.8、20年 0.2")
    compounding = lines["r: compounding"]
    assert (compounding.value, compounding.note) == (
        "continuous",
        "converted from semi-annual: r = 2 ln(1 + y/2)",
    )
    assert (compounding.value_in("ja"), compounding.note_in("ja")) == (
        "連続複利",
        "半年複利から換算：r = 2 ln(1 + y/2)",
    )


def test_the_source_of_each_derived_input_in_both_languages() -> None:
    """derive_market_inputs keeps each derived input's source as a sentence: its English is the
    MarketInputs ``*_source`` text (as before), its Japanese cites 決議 (12)-2/5/6/7; an entered
    input has none. By hand: S and sigma from the price series, r from the curve, q = D / S.
    """
    from stockrights.derivation import derive_market_inputs

    days = [D("2017-07-03") + dt.timedelta(days=i) for i in range(12)]
    days = [d for d in days if d.weekday() < 5 and d != D("2017-07-17")]  # no Marine Day here
    market = derive_market_inputs(
        dates=days,
        closes=[2000.0 + 10 * (i % 3) for i in range(len(days))],
        valuation_date="2017-07-14",
        window_start="2017-07-03",
        tenors_years=[10, 20],
        yields=[0.001, 0.006],
        term_years=15,
        dividend_per_share=27,
        dividend_record_date="2017-03-31",
        frequency="daily",
        price_source="prices.csv",
        entered={"risk_free_rate": (0.002, "valuer's report")},
    )
    d = market.derivation
    assert d is not None
    s, q = d.source("share_price"), d.source("dividend_yield")
    assert s is not None
    assert q is not None
    assert str(s) == market.share_price_source == "derived from prices.csv (clause 12-2)"
    assert s("ja") == "prices.csvから算定（決議 (12)-2）"
    assert str(q) == market.dividend_yield_source == "derived from the dividend / S (clause 12-7)"
    assert q("ja") == "配当金 ÷ S により算定（決議 (12)-7）"
    assert d.source("risk_free_rate") is None  # entered: its source is the user's words
    assert market.risk_free_rate_source == "valuer's report"
