#pragma once
// Symbol visibility: the shared library hides everything but what is marked PARMETRICS_API.
//
// Thread-safety: macros only.

#if defined(PARMETRICS_SHARED)
#if defined(_WIN32)
#if defined(PARMETRICS_EXPORTS)
#define PARMETRICS_API __declspec(dllexport)
#else
#define PARMETRICS_API __declspec(dllimport)
#endif
#else
#define PARMETRICS_API __attribute__((visibility("default")))
#endif
#else
#define PARMETRICS_API
#endif
