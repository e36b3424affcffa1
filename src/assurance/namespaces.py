"""The namespaces of our IRIs and of the W3C and SDMX vocabularies the ontology reuses.

A module of constants only, so that the evidence-kind registry can name ontology terms
without loading the graph package.
"""

from __future__ import annotations

from rdflib import Namespace

ROOT = "https://w3id.org/safeguarding-assurance/"
SGA = Namespace(ROOT + "ontology#")
THEME = Namespace(ROOT + "theme/")
IND = Namespace(ROOT + "indicator/")
PACK_ROOT = ROOT + "pack/"
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SDMX_CODE = Namespace("http://purl.org/linked-data/sdmx/2009/code#")

__all__ = [
    "IND",
    "PACK_ROOT",
    "ROOT",
    "SDMX_ATTRIBUTE",
    "SDMX_CODE",
    "SDMX_DIMENSION",
    "SDMX_MEASURE",
    "SGA",
    "THEME",
]
