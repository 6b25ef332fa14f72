"""Issue 8: a scrutiny officer imports a quarter's figures from the template, checks the
preview, confirms, and sees the figures on the dashboard."""

from playwright.sync_api import expect

from scrutineer.core.roles import Role
from scrutineer.performance.models import Measurement
from tests.browser.conftest import assert_accessible, check_both_widths, sign_in
from tests.performance.factories import FrameworkFactory, IndicatorFactory, MeasurementFactory

CSV = (
    "Indicator code,Year,Quarter,Value,Target,Commentary,Route to green,Provisional\r\n"
    "CP01,2024/25,Q2,93,90,Ahead of target,,no\r\n"
    "CP01,2024/25,Q3,bad,,,,no\r\n"
)


def test_a_scrutiny_officer_imports_figures_with_a_preview(page, user_with_role, tmp_path):
    framework = FrameworkFactory(name="Corporate Plan PMAF 2024/25")
    indicator = IndicatorFactory(framework=framework, code="CP01", name="Recycling rate")
    MeasurementFactory(indicator=indicator, year=2024, quarter=1, value=91.0)
    scrutiny = user_with_role(Role.SCRUTINY_OFFICER)

    sign_in(page, scrutiny.username)
    page.goto("/performance/")
    page.get_by_role("link", name="Import quarterly figures and targets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import performance figures")
    expect(
        page.get_by_role("link", name="Download the template for Corporate Plan")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("alert")).to_contain_text("Select a file of figures")
    assert_accessible(page)

    bad = tmp_path / "q2.csv"
    bad.write_text(CSV)
    page.get_by_label("File of figures").set_input_files(str(bad))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "row 3, column “Value”: “bad” is not a number"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Upload the file again").click()
    good = tmp_path / "q2-fixed.csv"
    good.write_text(CSV.replace("Q3,bad", "Q3,94").replace("Q3,94,,,,no", "Q3,94,,Up,,yes"))
    page.get_by_label("File of figures").set_input_files(str(good))
    page.get_by_role("button", name="Preview the import").click()
    rows = page.get_by_role("table", name="Row by row")
    expect(rows.get_by_role("row")).to_have_count(3)
    expect(rows).to_contain_text("2024/25 Q2")
    check_both_widths(page, "performance-import-preview")
    assert not Measurement.objects.filter(quarter__in=[2, 3]).exists()

    page.get_by_role("button", name="Import 2 rows into Corporate Plan PMAF 2024/25").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Corporate performance")
    expect(page.get_by_text("2 new, 0 changed, 0 unchanged")).to_be_visible()
    assert_accessible(page)
    assert Measurement.objects.filter(quarter__in=[2, 3]).count() == 2
