import factory

from scrutineer.performance.models import Framework, Indicator, Measurement, Milestone, Target


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    name = factory.Sequence(lambda n: f"Corporate Plan PMAF {n}")
    year = "2024/25"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"PI{n:03d}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    directorate = "Resources"
    theme = "A well-run council"
    polarity = Indicator.Polarity.HIGHER
    unit = Indicator.Unit.PERCENT
    tolerance = 2.0


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2024
    quarter = None
    value = 90.0


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2024
    quarter = 1
    value = 91.0
    approved = True
    approved_at = factory.Faker("date_time", tzinfo=__import__("datetime").UTC)


class UnapprovedMeasurementFactory(MeasurementFactory):
    approved = False
    approved_at = None


class MonthlyIndicatorFactory(IndicatorFactory):
    frequency = Indicator.Frequency.MONTHLY


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    framework = factory.SubFactory(FrameworkFactory)
    name = factory.Sequence(lambda n: f"Milestone {n}")
    directorate = "Resources"
    planned_date = __import__("datetime").date(2025, 3, 31)


def framework_to_import_into():
    """A framework that figures are imported into: a quarterly indicator with a target and a
    figure already, a narrative one, and a monthly one with a target."""
    framework = FrameworkFactory(name="Corporate Plan PMAF 2024/25")
    cp01 = IndicatorFactory(framework=framework, code="CP01", tolerance=2.0)
    TargetFactory(indicator=cp01, year=2024, quarter=None, value=90.0)
    MeasurementFactory(indicator=cp01, year=2024, quarter=1, value=91.0, commentary="Good")
    IndicatorFactory(framework=framework, code="CP02", is_narrative=True)
    cp03 = MonthlyIndicatorFactory(framework=framework, code="CP03", tolerance=2.0)
    TargetFactory(indicator=cp03, year=2024, quarter=None, value=90.0)
    return framework
