"""Matching: explained, deterministic scores from named factors (hand-computed cases)."""

from hypothesis import given
from hypothesis import strategies as st

from tandem.employment.matching import WEIGHTS, Job, Seeker, distance_km, points, rank, score


def seeker(**changes) -> Seeker:
    values = {
        "occupations": ("5223",),
        "skills": frozenset({"customer service", "till"}),
        "hours_min": 16.0,
        "hours_max": 25.0,
        "max_travel_km": 10,
        "home": (54.97, -1.61),  # Newcastle upon Tyne
        "home_region_id": 1,
        "home_parent_region_id": 100,
        "adjustments": frozenset({"flexible_hours"}),
        "wish_words": frozenset({"shop"}),
    }
    return Seeker(**(values | changes))


def job(**changes) -> Job:
    values = {
        "key": 1,
        "occupation": "5223",
        "skills": frozenset({"customer service", "till"}),
        "hours": 20.0,
        "place": (54.98, -1.60),
        "region_id": 1,
        "parent_region_id": 100,
        "adjustments": frozenset({"flexible_hours", "rest_breaks"}),
        "title": "shop assistant",
    }
    return Job(**(values | changes))


def test_a_perfect_fit_scores_100_with_a_reason_per_factor():
    match = score(seeker(), job())
    assert match.score == 100
    assert [reason.factor for reason in match.reasons] == [
        "occupation",
        "skills",
        "hours",
        "travel",
        "adjustments",
        "wishes",
    ]
    assert all(reason.good for reason in match.reasons)


def test_hand_computed_partial_fit():
    # Same minor group (522x: 3 digits of 4): round(35 * 3/4) = 26.
    # One of two skills: round(20 * 1/2) = 10. Hours 30 is 5 above 25: half of 15 = 7.
    # 46 km away with a 10 km limit (more than 1.5 x): 0. Adjustment missing: 0. No wish: 0.
    match = score(
        seeker(),
        job(
            occupation="5221",
            skills=frozenset({"till", "forklift"}),
            hours=30.0,
            place=(55.38, -1.62),
            adjustments=frozenset(),
            title="cashier",
        ),
    )
    points = {reason.factor: reason.points for reason in match.reasons}
    assert points == {"occupation": 26, "skills": 10, "hours": 7, "travel": 0, "adjustments": 0}
    assert match.score == 43
    bad = {reason.factor for reason in match.reasons if not reason.good}
    assert bad == {"hours", "travel", "adjustments"}


def test_without_coordinates_the_area_decides_travel():
    near = score(seeker(home=None), job(place=None))
    assert {r.factor: r.points for r in near.reasons}["travel"] == WEIGHTS["travel"]
    same_region = score(seeker(home=None), job(place=None, region_id=2))
    assert {r.factor: r.points for r in same_region.reasons}["travel"] == WEIGHTS["travel"] // 2
    unknown = score(seeker(home=None, home_parent_region_id=None), job(place=None, region_id=2))
    assert {r.factor: r.points for r in unknown.reasons}["travel"] == 0


def test_ranking_is_best_first_and_ties_break_by_key():
    jobs = [job(key=3), job(key=1, occupation="9112"), job(key=2)]
    assert [match.key for match in rank(seeker(), jobs)] == [2, 3, 1]


def test_distance_is_right_for_a_known_pair():
    # Newcastle to Sunderland is about 16 km in a straight line.
    assert 14 < distance_km((54.9783, -1.6178), (54.9069, -1.3838)) < 18


@given(
    occupation=st.from_regex(r"[0-9]{4}", fullmatch=True),
    hours=st.floats(min_value=1, max_value=80, allow_nan=False),
    skills=st.sets(st.sampled_from(["till", "driving", "cleaning", "forklift"])),
)
def test_scores_stay_between_0_and_100_and_are_repeatable(occupation, hours, skills):
    candidate = job(occupation=occupation, hours=hours, skills=frozenset(skills))
    first = score(seeker(), candidate)
    assert 0 <= first.score <= 100
    assert first.score == sum(reason.points for reason in first.reasons)
    assert score(seeker(), candidate).score == first.score
    # The fast path used for ranking adds up to exactly the explained score.
    assert points(seeker(), candidate) == first.score
