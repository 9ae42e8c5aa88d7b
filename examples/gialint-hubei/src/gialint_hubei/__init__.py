"""gialint-hubei: an example gialint plugin for Hubei province.

It adds Hubei's 2020 variant of the trial format (an extra row
``其他主动公开文件`` in the 第二十条第（一）项 table), rules over it in YAML,
a rule kind in Python and a whole-report check.  See docs/authoring.md of
gialint."""

__version__ = "0.1.0"
