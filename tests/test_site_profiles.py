"""Site profiles are data: every selector compiles and the major sites are covered."""

from __future__ import annotations

import pytest

from pipeline.page.dom import css
from pipeline.page.profiles import load_profiles, profile_for_host

SITES = ["vnexpress.net", "tuoitre.vn", "thanhnien.vn", "dantri.com.vn", "vietnamnet.vn", "znews.vn", "nld.com.vn",
         "laodong.vn", "baochinhphu.vn", "nhandan.vn", "cafef.vn", "plo.vn", "tusta.org.vn"]


@pytest.mark.parametrize("host", SITES)
def test_major_sites_have_a_profile(host):
    assert profile_for_host(host) is not None
    assert profile_for_host("www." + host) is profile_for_host(host)


def test_every_selector_compiles():
    for profile in load_profiles():
        for selector in (profile.body, profile.lead, profile.title, profile.author, profile.date, *profile.drop):
            if selector:
                css(selector)


def test_unknown_site_has_no_profile():
    assert profile_for_host("example.org") is None
    assert profile_for_host(None) is None
