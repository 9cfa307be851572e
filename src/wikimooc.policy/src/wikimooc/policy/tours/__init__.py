"""Guided tours of MediaWiki's Extension:GuidedTour: which tours a wiki has, the tour
builder (drafts of tours written in the CMS, their on-wiki JavaScript) and publishing
a tour on a wiki with the platform's account."""
