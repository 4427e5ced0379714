import type { CameraState } from '../view/viewSchema';
import type { VideoFrame } from './storyClock';
import { turnedCamera } from './transition';

/** A video of the timeline without a story: a run of frames while the camera circles the network. */
export interface OrbitVideoRequest {
  /** Timeline positions (frame index within the condition, fractional between frames) at the first and last video frame. */
  readonly from: number;
  readonly to: number;
  /** The video's length. */
  readonly seconds: number;
  /** How far the camera turns about the vertical through its target over the video (degrees; negative turns the other way). */
  readonly orbitDegrees: number;
  /** Where the camera starts. */
  readonly camera: CameraState;
  readonly fps: number;
}

/**
 * The frames of an orbit video: the position moves evenly from `from` to `to` (the GPU blends between
 * timeline frames), the camera turns evenly about the vertical axis through its target, keeping its
 * height and distance. The first frame is `from` and the last exactly `to`. Pure: the same request gives
 * the same frames.
 */
export function orbitVideoPlan(request: OrbitVideoRequest): { readonly frames: number; frameAt(index: number): VideoFrame } {
  const frames = Math.max(1, Math.round(request.seconds * request.fps));
  return {
    frames,
    frameAt(index: number): VideoFrame {
      const k = Math.max(0, Math.min(frames - 1, Math.floor(index)));
      const t = frames === 1 ? 0 : k / (frames - 1);
      return { step: 0, camera: turnedCamera(request.camera, request.orbitDegrees * t), position: request.from + (request.to - request.from) * t };
    },
  };
}
