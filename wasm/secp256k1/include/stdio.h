/* Freestanding stand-in: with USE_EXTERNAL_DEFAULT_CALLBACKS nothing on our path prints. */
#pragma once
